/**
 * The search runner: Arbiter candidate generators over a {@code ParameterSpace} turned into stored candidates
 * ({@link dev.cs231n.searches.run.SpaceCandidates}, each candidate's flat point and named values as JSON, rebuilt
 * from that JSON alone), the strategies and termination ({@link dev.cs231n.searches.run.Strategy},
 * {@link dev.cs231n.searches.run.Termination}), the data of a search with the test split closed while it runs
 * ({@link dev.cs231n.searches.run.SearchSplits}), the task that trains a {@code MultiLayerNetwork} candidate
 * ({@link dev.cs231n.searches.run.NetworkTask}, continuing a saved network through
 * {@link dev.cs231n.searches.run.ModelFiles}), successive halving over a grid or random strategy
 * ({@link dev.cs231n.searches.run.Halving}, {@link dev.cs231n.searches.run.SuccessiveHalving},
 * {@link dev.cs231n.searches.run.TrainingBudget}), and K workers in one process
 * ({@link dev.cs231n.searches.run.SearchRunner}, on the CPU or one per CUDA device:
 * {@link dev.cs231n.searches.run.Devices}) on the store of {@link dev.cs231n.searches.store}.
 */
package dev.cs231n.searches.run;
