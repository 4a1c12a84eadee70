/**
 * The training engine: {@link dev.cs231n.pipelines.train.Trainer} trains any DL4J MultiLayerNetwork or
 * ComputationGraph epoch by epoch with per-epoch evaluation ({@link dev.cs231n.pipelines.train.EpochEvaluator}),
 * best-epoch selection on a named metric, a one-unit {@link dev.cs231n.pipelines.train.Checkpoint} every epoch and
 * resume; {@link dev.cs231n.pipelines.train.CifarTraining} puts a classifier on the course's CIFAR-10 splits on it.
 */
package dev.cs231n.pipelines.train;
