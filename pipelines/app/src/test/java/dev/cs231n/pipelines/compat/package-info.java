/**
 * Backward-compatibility artifacts of the jobs and a regression golden of their figures: the files each job
 * persists, written from deterministic synthetic CIFAR-10 ({@link dev.cs231n.pipelines.compat.SyntheticCifarData})
 * by {@link dev.cs231n.pipelines.compat.JobCompatArtifactsGenerator} into {@code src/test/resources/compat/<version>/}
 * and checked by {@code JobCompatArtifactsTest} (today's loaders, {@code --resume}, same seeds give the same metrics).
 */
package dev.cs231n.pipelines.compat;
