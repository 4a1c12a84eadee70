package dev.cs231n.datavec.cifar.preprocess;

import dev.cs231n.datavec.cifar.CifarFormat;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Views of CIFAR feature arrays that the preprocessors operate on; one place for the shape checks. */
final class FeatureShapes {

    private FeatureShapes() {
    }

    /**
     * @param features {@code [N, 3, 32, 32]} or {@code [N, 3072]}
     * @return {@code [N, 3072]}, a view when the input is c-contiguous (else a copy)
     */
    static INDArray asImageMatrix(INDArray features) {
        requireImages(features);
        if (features.rank() == 2) {
            return features;
        }
        return features.reshape('c', features.size(0), CifarFormat.IMAGE_BYTES);
    }

    /**
     * @param features any rank-2 or higher array {@code [N, ...]}
     * @return {@code [N, prod(...)]}, a view when c-contiguous (else a copy)
     */
    static INDArray asMatrix(INDArray features) {
        if (features.rank() < 2) {
            throw new IllegalArgumentException("expected features [N, ...] of rank >= 2, got shape "
                    + Arrays.toString(features.shape()));
        }
        if (features.rank() == 2) {
            return features;
        }
        return features.reshape('c', features.size(0), features.length() / features.size(0));
    }

    private static void requireImages(INDArray features) {
        long[] s = features.shape();
        boolean nchw = s.length == 4 && s[1] == CifarFormat.CHANNELS && s[2] == CifarFormat.HEIGHT
                && s[3] == CifarFormat.WIDTH;
        boolean flat = s.length == 2 && s[1] == CifarFormat.IMAGE_BYTES;
        if (!nchw && !flat) {
            throw new IllegalArgumentException("expected CIFAR-10 features [N, 3, 32, 32] or [N, 3072], got shape "
                    + Arrays.toString(s) + " (apply the bias trick last)");
        }
        if (!features.dataType().isFPType()) {
            throw new IllegalArgumentException("expected floating-point features, got " + features.dataType());
        }
    }
}
