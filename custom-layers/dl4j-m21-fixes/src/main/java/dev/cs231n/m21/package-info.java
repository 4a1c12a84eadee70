/**
 * Runtime fixes for DL4J 1.0.0-M2.1 ({@link dev.cs231n.m21.M21Fixes}): the SameDiff stdout filter
 * ({@link dev.cs231n.m21.LineFilterOutputStream}) and the oneDNN layer helpers ({@link dev.cs231n.m21.OneDnnHelpers},
 * with the {@code org.nd4j.nativeblas.Nd4jCpu} shim). The gradient correction is in
 * {@link dev.cs231n.layers.samediff}.
 */
package dev.cs231n.m21;
