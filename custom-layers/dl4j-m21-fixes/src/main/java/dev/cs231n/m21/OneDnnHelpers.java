package dev.cs231n.m21;

import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * Whether DL4J's built-in convolution, pooling and batch-norm layers run on libnd4j's oneDNN kernels.
 *
 * <p>On DL4J 1.0.0-M2.1 they never do out of the box, for two reasons: the system property
 * {@value DL4JSystemProperties#DISABLE_HELPER_PROPERTY} defaults to {@code true} (helpers off), and the helper
 * check looks up a renamed class (mended by the shim {@code org.nd4j.nativeblas.Nd4jCpu} shipped in this artifact).
 * {@link #enable()} sets the property to {@code false} unless the user set it; {@link M21Fixes#install()} calls it; the jobs do at start-up.
 */
public final class OneDnnHelpers {

    private OneDnnHelpers() {
    }

    /**
     * Turns DL4J's layer helpers on for layers built from now on, unless
     * {@code -D}{@value DL4JSystemProperties#DISABLE_HELPER_PROPERTY} was given explicitly.
     */
    public static void enable() {
        if (System.getProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY) == null) {
            System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, "false");
        }
    }

    /** @return true when layers built from now on get oneDNN helpers */
    public static boolean enabled() {
        boolean disabled = Boolean.parseBoolean(System.getProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY,
                DL4JSystemProperties.HELPER_DISABLE_DEFAULT_VALUE));
        return !disabled && BaseMKLDNNHelper.mklDnnEnabled();
    }
}
