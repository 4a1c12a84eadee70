package dev.cs231n.layers.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientScaleTest {

    @Test
    void factorForMapsCorrectAndDoubledGradients() {
        assertEquals(1.0, GradientScale.factorFor(GradientScale.SLOPE));
        assertEquals(0.5, GradientScale.factorFor(2 * GradientScale.SLOPE));
    }

    @Test
    void factorForRejectsAnythingElse() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradientScale.factorFor(4 * GradientScale.SLOPE));
        assertTrue(e.getMessage().contains("cannot be trusted"), e.getMessage());
    }

    /**
     * DL4J 1.0.0-M2.1 doubles the gradient of SameDiff's external-errors path. The day a release fixes it this
     * test fails, saying so: {@link GradientScale} then returns 1.0 by itself and the correction becomes a
     * no-op; only this expectation needs updating.
     */
    @Test
    void thisReleaseDoublesTheExternalErrorsGradient() {
        double raw = GradientScale.probeRawGradient();
        assertEquals(2 * GradientScale.SLOPE, raw,
                "The SameDiff external-errors probe no longer doubles (dx = " + raw + "): DL4J has fixed the bug "
                        + "this project corrects; GradientScale.factor() is now " + GradientScale.factor());
        assertEquals(0.5, GradientScale.factor());
    }

    /**
     * The output-layer path (loss inside the layer's graph, no external-errors placeholder) is exact on M2.1: the
     * doubling does not reach it, so {@link GradientScale#outputLayerFactor()} is 1.0. If a release starts doubling
     * it, this test fails and the factor becomes 0.5 by itself.
     */
    @Test
    void thisReleaseDoesNotDoubleTheOutputLayerPath() {
        double raw = GradientScale.probeOutputLayerRawGradient();
        assertEquals(GradientScale.SLOPE, raw, "The SameDiff output-layer probe gives dx = " + raw
                + " for loss = sum(3x): this release changed the output-layer path; GradientScale.outputLayerFactor() "
                + "is now " + GradientScale.outputLayerFactor());
        assertEquals(1.0, GradientScale.outputLayerFactor());
    }
}
