/**
 * Dropout written in SameDiff on the corrected base: {@link dev.cs231n.layers.dropout.InvertedDropout}, the
 * course's inverted dropout (Srivastava et al. 2014) with masks reproducible from the network's seed and training
 * counters, so that it can be gradient-checked.
 */
package dev.cs231n.layers.dropout;
