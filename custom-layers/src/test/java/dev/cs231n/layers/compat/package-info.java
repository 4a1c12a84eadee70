/**
 * Backward-compatibility artifacts of the custom layers and vertices: tiny trained networks written by
 * {@link dev.cs231n.layers.compat.CompatArtifactsGenerator} into {@code src/test/resources/compat/<version>/} and
 * checked by {@code CompatArtifactsTest} (configuration JSON, model.zip with updater, stored outputs).
 */
package dev.cs231n.layers.compat;
