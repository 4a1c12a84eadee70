/**
 * Networks written with the course's modular layers and trained by the course's
 * {@link dev.cs231n.classic.solver.CourseSolver}: the two-layer net
 * ({@link dev.cs231n.classic.net.TwoLayerNet}) and its {@code model.zip}
 * ({@link dev.cs231n.classic.net.TwoLayerModelZip}).
 */
package dev.cs231n.classic.net;
