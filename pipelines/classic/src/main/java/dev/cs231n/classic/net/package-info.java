/**
 * Networks written with the course's modular layers and trained by the course's solver
 * ({@link dev.cs231n.classic.solver.CourseSolver}): the two-layer net affine - ReLU - affine - softmax
 * ({@link dev.cs231n.classic.net.TwoLayerNet}, a {@link dev.cs231n.classic.solver.SolverModel}) and its
 * {@code model.zip} ({@link dev.cs231n.classic.net.TwoLayerModelZip}: the equivalent DL4J
 * {@code MultiLayerNetwork}, which any DL4J program loads, with the preprocessing it was trained with).
 */
package dev.cs231n.classic.net;
