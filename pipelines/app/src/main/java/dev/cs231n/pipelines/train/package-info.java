/**
 * Epoch-by-epoch training of DL4J networks on CIFAR-10 with checkpoints, resume and best-validation model
 * selection ({@link dev.cs231n.pipelines.train.NetTrainer}).
 */
package dev.cs231n.pipelines.train;
