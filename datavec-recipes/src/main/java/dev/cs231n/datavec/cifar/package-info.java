/**
 * CIFAR-10 from the official binary batches ({@code cifar-10-batches-bin/}): the format
 * ({@link dev.cs231n.datavec.cifar.CifarFormat}), a validating bulk reader
 * ({@link dev.cs231n.datavec.cifar.CifarBatchReader}), class names, the in-memory uint8 dataset
 * ({@link dev.cs231n.datavec.cifar.CifarDataset}: train = batches 1..5 in order, test = the test batch),
 * the course's splits ({@link dev.cs231n.datavec.cifar.CifarSplits}: 49,000 / 1,000 / 1,000 + 10,000),
 * statistics, conversion to ND4J arrays ({@link dev.cs231n.datavec.cifar.CifarTensors}:
 * {@code [N,3,32,32]} or {@code [N,3072]}, one-hot {@code [N,10]}), seeded shuffles, and locating or
 * downloading the data ({@link dev.cs231n.datavec.cifar.CifarInstaller}).
 */
package dev.cs231n.datavec.cifar;
