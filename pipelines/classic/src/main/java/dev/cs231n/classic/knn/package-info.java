/**
 * k-nearest neighbours as in the course's {@code KNearestNeighbor}: distance matrices (L2 by the no-loop matrix
 * formula, L1 in bounded chunks), stable neighbour ranking, majority vote, and k-fold cross-validation over k.
 */
package dev.cs231n.classic.knn;
