package dev.cs231n.pipelines.nn;

import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * Whether DL4J's built-in convolution, pooling and batch-norm layers run on libnd4j's oneDNN kernels.
 *
 * <p>On DL4J 1.0.0-M2.1 they never do out of the box (the helper check looks up a renamed class); the shim
 * {@code org.nd4j.nativeblas.Nd4jCpu} shipped in this module restores it. Setting the system property
 * {@code org.deeplearning4j.disablehelperloading=true} turns the helpers off (DL4J's own switch), e.g. to compare.
 */
public final class OneDnnHelpers {

    private OneDnnHelpers() {
    }

    /** @return true when layers built from now on get oneDNN helpers */
    public static boolean enabled() {
        return !Boolean.getBoolean(DL4JSystemProperties.DISABLE_HELPER_PROPERTY) && BaseMKLDNNHelper.mklDnnEnabled();
    }
}
