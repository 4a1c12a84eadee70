/**
 * Multi-head scaled dot-product attention as CS231n (2025, assignment 3) defines it, on DL4J sequences:
 * {@link dev.cs231n.layers.attention.MultiHeadAttention} (the definition and options shared by both forms),
 * {@link dev.cs231n.layers.attention.MultiHeadSelfAttention} (a layer: queries, keys and values from one sequence)
 * and {@link dev.cs231n.layers.attention.MultiHeadAttentionVertex} (a graph vertex: queries from one sequence, keys
 * and values from another of any length), and {@link dev.cs231n.layers.attention.PositionalEncoding}. Gradients are
 * exact on every DL4J release (DL4J 1.0.0-M2.1 doubles its own attention layers' gradients).
 */
package dev.cs231n.layers.attention;
