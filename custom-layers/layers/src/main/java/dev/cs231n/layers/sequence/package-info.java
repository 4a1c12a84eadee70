/**
 * Support for SameDiff layers and vertices over DL4J sequences ({@code RNNFormat} NCW {@code [N, E, T]}, the default,
 * or NWC {@code [N, T, E]}; masks {@code [N, T]}, 1 = present): runtimes whose graphs accept any sequence length
 * and either layout ({@link dev.cs231n.layers.sequence.SequenceLayerImpl},
 * {@link dev.cs231n.layers.sequence.SequenceVertexImpl}), that feed per-pass placeholders such as seeded dropout
 * masks ({@link dev.cs231n.layers.sequence.PassPlaceholders}), and whose backward passes are exact on every DL4J
 * release (the {@link dev.cs231n.layers.samediff.GradientScale} correction).
 */
package dev.cs231n.layers.sequence;
