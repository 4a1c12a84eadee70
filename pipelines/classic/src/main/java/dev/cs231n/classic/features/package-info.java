/**
 * Hand-crafted image features of the course ({@code cs231n/features.py}), each an
 * {@link dev.cs231n.classic.features.ImageFeature} of fixed length: HOG, 144 values
 * ({@link dev.cs231n.classic.features.HogFeature}), and the hue histogram, 10 values
 * ({@link dev.cs231n.classic.features.HueHistogram}); {@link dev.cs231n.classic.features.FeatureExtractor}
 * concatenates them for every image of a CIFAR-10 dataset, in parallel, into {@code [N, 154]} float64.
 */
package dev.cs231n.classic.features;
