/**
 * The course's linear classifiers ({@code linear_classifier.py}, {@code linear_svm.py}, {@code softmax.py}): scores
 * {@code s = X W} for features with the bias trick ({@code X [N, D+1]}, last column 1; {@code W [D+1, C]}, last row
 * the bias) and one of the {@link dev.cs231n.classic.layers.DataLoss data losses} plus {@code reg * sum(W^2)}
 * ({@link dev.cs231n.classic.linear.LinearClassifier}); minibatch SGD with integer labels
 * ({@link dev.cs231n.classic.linear.SgdTrainer}, {@link dev.cs231n.classic.linear.SgdSettings}, rows gathered by
 * {@link dev.cs231n.classic.linear.RowGather} on one thread, {@link dev.cs231n.classic.linear.SingleThreadedOps});
 * the learning-rate x regularisation grid chosen on validation ({@link dev.cs231n.classic.linear.LinearGrid},
 * {@link dev.cs231n.classic.linear.LinearGridSearch}, {@link dev.cs231n.classic.linear.GridResult}); the trained
 * model with its preprocessing and its file ({@link dev.cs231n.classic.linear.LinearModel},
 * {@link dev.cs231n.classic.linear.LinearModelFile}); and the picture of the class templates
 * ({@link dev.cs231n.classic.linear.WeightTemplates}).
 */
package dev.cs231n.classic.linear;
