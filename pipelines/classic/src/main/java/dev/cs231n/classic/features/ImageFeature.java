package dev.cs231n.classic.features;

import dev.cs231n.datavec.cifar.CifarDataset;

/** A fixed-length feature vector computed from one CIFAR-10 image. Implementations are stateless and thread-safe. */
public interface ImageFeature {

    /** @return the number of values this feature writes per image */
    int size();

    /**
     * @param data   the images
     * @param image  an image index
     * @param out    where to write {@link #size()} values
     * @param offset the first position in {@code out}
     */
    void compute(CifarDataset data, int image, double[] out, int offset);
}
