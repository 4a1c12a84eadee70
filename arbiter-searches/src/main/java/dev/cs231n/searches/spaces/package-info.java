/**
 * Arbiter layer spaces for this project's custom layers ({@code BatchNorm}, {@code LayerNorm}, {@code GroupNorm},
 * {@code InvertedDropout}, {@code MultiHeadSelfAttention}, {@code PositionalEncoding}): each option of a layer's
 * builder is a fixed value or an Arbiter {@code ParameterSpace}, so the layers go into a {@code MultiLayerSpace} or
 * {@code ComputationGraphSpace} like Arbiter's own layer spaces and survive its JSON round trip. See
 * {@code arbiter-searches/SPACES.md} for the table of options and the limitations (graph vertices).
 */
package dev.cs231n.searches.spaces;
