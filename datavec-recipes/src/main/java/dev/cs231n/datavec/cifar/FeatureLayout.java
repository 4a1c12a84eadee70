package dev.cs231n.datavec.cifar;

/**
 * How image features are shaped in ND4J arrays. Both layouts hold the same values in the same memory
 * order (c-order, channel-major: the official CHW byte order), so a FLAT row is the NCHW image reshaped.
 */
public enum FeatureLayout {

    /** {@code [N, 3, 32, 32]}: DL4J's convolution format {@code CNN2DFormat.NCHW}. */
    NCHW,

    /**
     * {@code [N, 3072]}: column {@code c*1024 + y*32 + x} is channel {@code c} at row {@code y}, column
     * {@code x} (all red values, then green, then blue). For linear classifiers and dense nets. Note the
     * course's numpy arrays flatten HWC instead; reshape accordingly when comparing weights.
     */
    FLAT;

    /**
     * @param n number of images
     * @return the feature array shape for {@code n} images
     */
    public long[] shape(long n) {
        if (this == NCHW) {
            return new long[] {n, CifarFormat.CHANNELS, CifarFormat.HEIGHT, CifarFormat.WIDTH};
        }
        return new long[] {n, CifarFormat.IMAGE_BYTES};
    }
}
