/**
 * The search runner: Arbiter candidate generators over a {@code ParameterSpace} turned into stored candidates
 * ({@link dev.cs231n.searches.run.SpaceCandidates}, each candidate's flat point and named values as JSON, rebuilt
 * from that JSON alone), the strategies and termination ({@link dev.cs231n.searches.run.Strategy},
 * {@link dev.cs231n.searches.run.Termination}), the data of a search with the test split closed while it runs
 * ({@link dev.cs231n.searches.run.SearchSplits}), the task that trains a {@code MultiLayerNetwork} candidate
 * ({@link dev.cs231n.searches.run.NetworkTask}), and K workers in one process
 * ({@link dev.cs231n.searches.run.SearchRunner}) on the store of {@link dev.cs231n.searches.store}.
 */
package dev.cs231n.searches.run;
