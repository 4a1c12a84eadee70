/**
 * The runtime fast path of the normalisation layers of {@code dev.cs231n.layers.norm}: forward and closed-form
 * backward passes of batch, layer and group normalisation on the arrays' off-heap buffers, multi-threaded
 * ({@link dev.cs231n.layers.norm.fast.FastNorm}). The layers' SameDiff graphs remain their definition and reference;
 * {@code -Dcs231n.norm.fast=false} runs those instead.
 */
package dev.cs231n.layers.norm.fast;
