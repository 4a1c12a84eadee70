/**
 * Hand-crafted image features of the course: HOG ({@link dev.cs231n.classic.features.HogFeature}) and the hue
 * histogram ({@link dev.cs231n.classic.features.HueHistogram}), extracted in parallel by
 * {@link dev.cs231n.classic.features.FeatureExtractor}.
 */
package dev.cs231n.classic.features;
