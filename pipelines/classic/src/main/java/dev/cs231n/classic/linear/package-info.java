/**
 * The course's linear classifiers: scores {@code s = X W} for features with the bias trick ({@code X [N, D+1]}, last
 * column 1; {@code W [D+1, C]}, last row the bias), the multiclass SVM and softmax losses with their vectorised
 * gradients, minibatch SGD, the learning-rate x regularisation grid chosen on validation, and the model file.
 */
package dev.cs231n.classic.linear;
