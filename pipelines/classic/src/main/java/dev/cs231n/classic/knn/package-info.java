/**
 * k-nearest neighbours as in the course's {@code KNearestNeighbor}: distance matrices between test and training
 * rows ({@link dev.cs231n.classic.knn.DistanceMetric}: L2 by the no-loop matrix formula
 * {@link dev.cs231n.classic.knn.L2Distances}, L1 in bounded chunks {@link dev.cs231n.classic.knn.L1Distances}),
 * a stable ranking of the neighbours ({@link dev.cs231n.classic.knn.NeighbourRanking}), the majority vote with ties
 * to the smallest label ({@link dev.cs231n.classic.knn.KNearestNeighbor}), and k-fold cross-validation over k on
 * contiguous folds ({@link dev.cs231n.classic.knn.KnnCrossValidation}, {@link dev.cs231n.classic.knn.Folds},
 * results in {@link dev.cs231n.classic.knn.CrossValidation}).
 */
package dev.cs231n.classic.knn;
