/**
 * Drop-in versions of DL4J's attention layers and vertex whose gradients are exact on DL4J 1.0.0-M2.1:
 * {@link dev.cs231n.layers.attention.corrected.SelfAttentionLayer},
 * {@link dev.cs231n.layers.attention.corrected.LearnedSelfAttentionLayer},
 * {@link dev.cs231n.layers.attention.corrected.RecurrentAttentionLayer} and
 * {@link dev.cs231n.layers.attention.corrected.AttentionVertex}. Each subclasses DL4J's class of the same name (same
 * definition, configuration fields and builder; change the import) and runs on this library's corrected SameDiff
 * runtime; each parameter is initialised from its own fan-in and fan-out.
 */
package dev.cs231n.layers.attention.corrected;
