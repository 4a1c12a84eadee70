/**
 * Hand-crafted image features of the course: HOG ({@link dev.cs231n.pipelines.features.HogFeature}) and the hue
 * histogram ({@link dev.cs231n.pipelines.features.HueHistogram}), extracted in parallel by
 * {@link dev.cs231n.pipelines.features.FeatureExtractor}.
 */
package dev.cs231n.pipelines.features;
