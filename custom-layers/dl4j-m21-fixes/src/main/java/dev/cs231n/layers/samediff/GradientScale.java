package dev.cs231n.layers.samediff;

import java.util.Collections;
import java.util.Map;

import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.util.SameDiffUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The factor by which this DL4J release's SameDiff layer/vertex backward pass must be scaled to be exact.
 *
 * <p>DL4J 1.0.0-M2 and M2.1 double every gradient that leaves a SameDiff layer or vertex: the
 * placeholder that carries the upstream gradient ({@code ExternalErrorsFunction}) registers it once in
 * {@code doDiff} and {@code DifferentialFunction.diff} adds it a second time, so the gradient function
 * starts from {@code dL/dout + dL/dout}. Earlier releases (beta7) are correct.
 *
 * <p>Rather than hard-coding the release, the factor is measured once per JVM on a tiny graph that goes
 * through the same path as DL4J's layers ({@link SameDiffUtils#externalErrors}, {@code createGradFunction},
 * {@code calculateGradients}): {@code out = 3 x} with upstream gradient 1. {@code dx = 3} means the release is
 * correct (factor 1), {@code dx = 6} means it doubles (factor 0.5, exact in binary floating point); any other
 * value means the release changed in a way this correction does not understand, and fails loudly.
 *
 * <p>DL4J's {@code SameDiffOutputLayer} takes another path: its loss is a variable of its own graph, SameDiff
 * differentiates it directly ({@code createGradFunction} with the loss inferred, {@code calculateGradients}) and no
 * external-errors placeholder is involved. {@link #outputLayerFactor()} probes that path the same way
 * ({@code loss = sum(3 x)}: {@code dx = 3} correct, {@code 6} doubled) for the output layers built on
 * {@link CorrectedSameDiffOutputLayer}.
 */
public final class GradientScale {

    /** The derivative of the probe graph {@code out = SLOPE * x}. */
    static final double SLOPE = 3.0;

    private static volatile Double factor;
    private static volatile Double outputLayerFactor;

    private GradientScale() {
    }

    /**
     * The factor our SameDiff layers and vertices multiply their backward outputs by: 1.0 where this DL4J
     * release is correct, 0.5 where it doubles.
     *
     * @return the correction factor, probed on first use
     * @throws IllegalStateException when the probe sees neither the correct nor the doubled gradient
     */
    public static double factor() {
        Double f = factor;
        if (f == null) {
            synchronized (GradientScale.class) {
                f = factor;
                if (f == null) {
                    f = factorFor(probeRawGradient());
                    factor = f;
                }
            }
        }
        return f;
    }

    /**
     * Maps the probe's raw gradient to the correction factor.
     *
     * @param rawGradient what SameDiff's external-errors path returned as dx for {@code out = 3x}, upstream 1
     * @return 1.0 or 0.5
     */
    static double factorFor(double rawGradient) {
        if (rawGradient == SLOPE) {
            return 1.0;
        }
        if (rawGradient == 2 * SLOPE) {
            return 0.5;
        }
        throw new IllegalStateException("SameDiff external-errors probe returned dx = " + rawGradient
                + " for out = " + SLOPE + "x with upstream gradient 1 (expected " + SLOPE + " or "
                + 2 * SLOPE + "): this DL4J release's SameDiff layer backward pass is not understood; "
                + "the gradients of SameDiff layers cannot be trusted");
    }

    /**
     * The factor our SameDiff output layers multiply their backward outputs by: 1.0 where this DL4J release's
     * output-layer path (loss inside the graph) is correct, 0.5 where it doubles.
     *
     * @return the correction factor of the output-layer path, probed on first use
     * @throws IllegalStateException when the probe sees neither the correct nor the doubled gradient
     */
    public static double outputLayerFactor() {
        Double f = outputLayerFactor;
        if (f == null) {
            synchronized (GradientScale.class) {
                f = outputLayerFactor;
                if (f == null) {
                    f = factorFor(probeOutputLayerRawGradient());
                    outputLayerFactor = f;
                }
            }
        }
        return f;
    }

    /**
     * Runs the probe through the path of DL4J's {@code SameDiffOutputLayer}: the loss {@code sum(3 x)} is the
     * graph's only terminal variable, SameDiff infers it as the loss and differentiates it with respect to the input
     * placeholder, exactly as that layer's {@code backpropGradient} does.
     *
     * @return the uncorrected dx of {@code loss = sum(3x)}
     */
    public static double probeOutputLayerRawGradient() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("input", DataType.DOUBLE, -1, 1);
            x.mul(SLOPE).sum();
            sd.createGradFunction("input");
            INDArray one = Nd4j.ones(DataType.DOUBLE, 1, 1);
            Map<String, INDArray> grads = sd.calculateGradients(Map.of("input", one),
                    Collections.singletonList("input"));
            return grads.get("input").getDouble(0);
        }
    }

    /**
     * Runs the probe graph through SameDiff's external-errors path, exactly as DL4J's SameDiff layers do.
     *
     * @return the uncorrected dx of {@code out = 3x} for an upstream gradient of 1
     */
    public static double probeRawGradient() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 1);
            SDVariable out = x.mul(SLOPE);
            ExternalErrorsFunction fn = SameDiffUtils.externalErrors(sd, null, out);
            fn.outputVariable();
            sd.createGradFunction("x");
            INDArray one = Nd4j.ones(DataType.DOUBLE, 1, 1);
            Map<String, INDArray> grads = sd.calculateGradients(
                    Map.of("x", one, fn.getGradPlaceholderName(), one.dup()), Collections.singletonList("x"));
            return grads.get("x").getDouble(0);
        }
    }
}
