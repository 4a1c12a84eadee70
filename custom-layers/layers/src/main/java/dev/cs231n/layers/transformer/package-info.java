/**
 * Transformer layers as CS231n (2025, assignment 3) defines them, on DL4J sequences:
 * {@link dev.cs231n.layers.transformer.TransformerDecoderLayer} (post-norm: masked self-attention, cross-attention over
 * a memory sequence, feed-forward, each with dropout, residual and LayerNorm), built from the attention definition of
 * {@link dev.cs231n.layers.attention.MultiHeadAttention} and the normalisation of
 * {@link dev.cs231n.layers.norm.LayerNorm} inside one SameDiff graph; and
 * {@link dev.cs231n.layers.transformer.CaptioningTransformer}, the course's whole captioning model assembled from these
 * and DL4J's pieces.
 */
package dev.cs231n.layers.transformer;
