/**
 * Base classes for SameDiff layers and graph vertices whose gradients are exact on every DL4J release:
 * {@link dev.cs231n.layers.samediff.CorrectedSameDiffLayer}, {@link dev.cs231n.layers.samediff.CorrectedSameDiffVertex}
 * and the once-per-JVM probe {@link dev.cs231n.layers.samediff.GradientScale} that measures whether this release
 * doubles SameDiff backward passes (DL4J 1.0.0-M2.1 does). Layers that need extra placeholders or outputs,
 * non-trainable parameters or any spatial size run on {@link dev.cs231n.layers.samediff.ExtendedSameDiffLayerImpl}.
 */
package dev.cs231n.layers.samediff;
