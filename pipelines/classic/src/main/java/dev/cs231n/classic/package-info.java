/**
 * The course's from-scratch classifiers (assignment 1 and the start of assignment 2), on whole ND4J matrices with
 * hand-derived gradients and no DL4J network: what the {@code knn}, {@code svm}, {@code softmax}, {@code two-layer} and
 * {@code features} jobs run. Its packages, from the bottom up:
 * <ul>
 *   <li>this package: integer labels ({@link dev.cs231n.classic.Labels}: one-hot matrices, arg-max, accuracy) and
 *       minibatches by index ({@link dev.cs231n.classic.Minibatches}), which every classifier shares;</li>
 *   <li>{@link dev.cs231n.classic.knn}: k-nearest neighbours and the cross-validation of k;</li>
 *   <li>{@link dev.cs231n.classic.layers}: the modular layers (affine, ReLU) and the data losses (SVM,
 *       softmax) with their backward passes;</li>
 *   <li>{@link dev.cs231n.classic.linear}: the linear SVM and softmax classifiers (bias trick), their minibatch
 *       SGD, the learning-rate x regularisation grid and the model file;</li>
 *   <li>{@link dev.cs231n.classic.solver}: the course's {@code Solver} and update rules for any model that returns
 *       its loss and gradients, with checkpoints and resume;</li>
 *   <li>{@link dev.cs231n.classic.net}: the two-layer net built from the layers, trained by the solver, and its
 *       DL4J {@code model.zip};</li>
 *   <li>{@link dev.cs231n.classic.features}: HOG and hue-histogram image features.</li>
 * </ul>
 * Labels are always {@code int[]} with values in {@code 0 .. C-1}; features are {@code [N, ...]} arrays in the
 * caller's data type (FLOAT to train, DOUBLE for gradient checks).
 */
package dev.cs231n.classic;
