package dev.cs231n.m21;

import java.io.PrintStream;

import org.deeplearning4j.config.DL4JSystemProperties;

/**
 * The runtime fixes for DL4J 1.0.0-M2.1 in one place. What this artifact ({@code dev.cs231n:dl4j-m21-fixes}) mends:
 *
 * <ol>
 * <li><b>Doubled SameDiff gradients</b>: every {@code SameDiffLayer} / {@code SameDiffVertex} returns twice the true
 * gradient. Layers and vertices written on {@link dev.cs231n.layers.samediff.CorrectedSameDiffLayer} /
 * {@link dev.cs231n.layers.samediff.CorrectedSameDiffVertex} are exact: nothing to call.</li>
 * <li><b>SameDiff's stdout lines</b>: {@code Added differentiated op ...} is printed with {@code System.out.println}
 * each time a gradient function is built (dozens per network, again after each restore). The corrected base
 * classes call {@link #filterSameDiffStdout()} when a layer is instantiated; {@code -D}{@value #STDOUT_PROPERTY}
 * {@code =false} keeps {@code System.out} untouched.</li>
 * <li><b>oneDNN helpers never enabled</b> for DL4J's built-in convolution, pooling and batch-norm layers (a renamed
 * class, mended by the {@code org.nd4j.nativeblas.Nd4jCpu} shim in this jar, and a property defaulting to
 * "disabled"): call {@link #enableOneDnnHelpers()} (or {@link #install()}) before building networks.</li>
 * </ol>
 */
public final class M21Fixes {

    /** System property: {@code false} leaves {@code System.out} unfiltered. */
    public static final String STDOUT_PROPERTY = "cs231n.m21.filterStdout";

    private static PrintStream installed;

    private M21Fixes() {
    }

    /** Everything at once: {@link #filterSameDiffStdout()} and {@link #enableOneDnnHelpers()}. Idempotent. */
    public static void install() {
        filterSameDiffStdout();
        enableOneDnnHelpers();
    }

    /**
     * Puts a {@link LineFilterOutputStream} in front of {@code System.out} that drops SameDiff's
     * {@code Added differentiated op} lines and passes everything else through unchanged, unless
     * {@code -D}{@value #STDOUT_PROPERTY}{@code =false}. Nothing happens while {@code System.out} is the stream this
     * method installed; if something replaced it since, the new stream is filtered in turn.
     */
    public static synchronized void filterSameDiffStdout() {
        if (System.out == installed || "false".equalsIgnoreCase(System.getProperty(STDOUT_PROPERTY))) {
            return;
        }
        installed = LineFilterOutputStream.filterSystemOut(LineFilterOutputStream.SAMEDIFF_GRADIENT_LINES);
    }

    /**
     * Turns DL4J's oneDNN layer helpers on for layers built from now on, unless
     * {@code -D}{@value DL4JSystemProperties#DISABLE_HELPER_PROPERTY} was given explicitly.
     */
    public static void enableOneDnnHelpers() {
        OneDnnHelpers.enable();
    }
}
