/**
 * The course's classic classifiers on whole ND4J matrices: k-nearest neighbours ({@code knn}) and the linear
 * SVM / softmax classifiers ({@code linear}), plus label helpers they share.
 */
package dev.cs231n.classic;
