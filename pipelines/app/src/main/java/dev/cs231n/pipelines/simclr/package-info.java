/**
 * SimCLR on CIFAR-10: the encoder + projection head with the NT-Xent loss ({@link dev.cs231n.pipelines.simclr.SimClrNets}),
 * the kNN monitor and evaluation ({@link dev.cs231n.pipelines.simclr.KnnClassifier},
 * {@link dev.cs231n.pipelines.simclr.KnnMonitor}), the linear probe ({@link dev.cs231n.pipelines.simclr.LinearProbe}),
 * and the jobs {@code simclr-pretrain} ({@link dev.cs231n.pipelines.simclr.SimClrPretrainJob}) and {@code simclr-eval}
 * ({@link dev.cs231n.pipelines.simclr.SimClrEvalJob}).
 */
package dev.cs231n.pipelines.simclr;
