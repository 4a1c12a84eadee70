/** Training-time augmentation of CIFAR-10 batches (random flips and padded crops), seeded per epoch. */
package dev.cs231n.datavec.cifar.augment;
