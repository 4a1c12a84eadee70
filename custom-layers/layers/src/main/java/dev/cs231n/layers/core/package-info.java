/**
 * Core layers written in SameDiff on the corrected base: {@link dev.cs231n.layers.core.SameDiffDense}
 * ({@code act(xW + b)}) and the two-input {@link dev.cs231n.layers.core.DenseMergeVertex}
 * ({@code act(a Wa + b Wb + bias)}).
 */
package dev.cs231n.layers.core;
