/**
 * Training-time augmentation of CIFAR-10 images, seeded and reproducible: random flips and padded crops
 * ({@link dev.cs231n.datavec.cifar.augment.RandomFlipCrop}), and SimCLR's two independent views per image
 * ({@link dev.cs231n.datavec.cifar.augment.SimClrViews}: random resized crop, flip, colour jitter, grayscale,
 * normalisation) with an asynchronously prefetching pair iterator
 * ({@link dev.cs231n.datavec.cifar.augment.SimClrPairIterator}).
 */
package dev.cs231n.datavec.cifar.augment;
