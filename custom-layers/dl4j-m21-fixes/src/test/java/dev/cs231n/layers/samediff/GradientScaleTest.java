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
}
