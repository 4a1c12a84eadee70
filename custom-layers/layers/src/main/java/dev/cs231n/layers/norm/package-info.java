/**
 * Normalisation layers written in SameDiff on the corrected base (exact gradients on DL4J 1.0.0-M2.1):
 * {@link dev.cs231n.layers.norm.BatchNorm} (Ioffe &amp; Szegedy 2015; feed-forward and spatial, with running
 * statistics), {@link dev.cs231n.layers.norm.LayerNorm} (Ba, Kiros &amp; Hinton 2016) and
 * {@link dev.cs231n.layers.norm.GroupNorm} (Wu &amp; He 2018), each {@code out = gamma * xhat + beta} with
 * {@code gamma, beta: [C]}; defaults in {@link dev.cs231n.layers.norm.NormDefaults}.
 */
package dev.cs231n.layers.norm;
