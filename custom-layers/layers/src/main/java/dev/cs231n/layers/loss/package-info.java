/**
 * Losses as DL4J output layers: {@link dev.cs231n.layers.loss.NtXentLoss}, SimCLR's normalised-temperature
 * cross-entropy over the projections of two views of each image, which needs no labels.
 */
package dev.cs231n.layers.loss;
