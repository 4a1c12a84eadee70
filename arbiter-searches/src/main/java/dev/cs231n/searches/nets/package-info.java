/**
 * Search spaces of whole networks: {@link dev.cs231n.searches.nets.FcNetSpace}, the course's fully-connected net
 * (depth, width, learning rate, L2, our BatchNorm or none, our inverted dropout) as an Arbiter
 * {@code MultiLayerSpace} with named hyperparameters.
 */
package dev.cs231n.searches.nets;
