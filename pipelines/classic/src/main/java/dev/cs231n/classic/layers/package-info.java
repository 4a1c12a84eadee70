/**
 * The course's modular layers ({@code cs231n/layers.py}, {@code layer_utils.py}) ported to ND4J: each
 * {@code forward} returns the output and a cache ({@link dev.cs231n.classic.layers.Forward}), each
 * {@code backward(dout, cache)} the gradients of its inputs, derived by hand (no autograd):
 * {@link dev.cs231n.classic.layers.Affine}, {@link dev.cs231n.classic.layers.Relu} and the
 * {@link dev.cs231n.classic.layers.AffineRelu} sandwich.
 *
 * <p>The data losses take scores {@code [N, C]} and integer labels and return the mean loss and {@code dL/dscores}
 * ({@link dev.cs231n.classic.layers.LossAndGradient}): {@link dev.cs231n.classic.layers.SvmLoss} (hinge, margin 1)
 * and {@link dev.cs231n.classic.layers.SoftmaxLoss} (cross-entropy). {@link dev.cs231n.classic.layers.DataLoss}
 * names them for the classifiers that can use either (the linear ones) and for the files that record which.
 *
 * <p>Arrays keep the caller's data type: FLOAT for training speed, DOUBLE for gradient checks. Every operation is
 * a whole-array ND4J op; nothing loops over elements except the O(N) label bookkeeping.
 */
package dev.cs231n.classic.layers;
