/**
 * Base classes for SameDiff layers and graph vertices whose gradients are exact on every DL4J release:
 * {@link dev.cs231n.layers.samediff.CorrectedSameDiffLayer}, {@link dev.cs231n.layers.samediff.CorrectedSameDiffVertex}
 * and the once-per-JVM probe {@link dev.cs231n.layers.samediff.GradientScale} that measures whether this release
 * doubles SameDiff backward passes (DL4J 1.0.0-M2.1 does).
 */
package dev.cs231n.layers.samediff;
