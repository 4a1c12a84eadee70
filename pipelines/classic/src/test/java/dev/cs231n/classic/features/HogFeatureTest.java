package dev.cs231n.classic.features;

import dev.cs231n.testing.SyntheticCifar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The course's HOG on images whose gradients are known: the descriptor is (cell column, cell row, bin) with bins
 * of 20 degrees of {@code atan2(gy, gx) + 90}.
 */
class HogFeatureTest {

    private static final double GREY = 0.299 + 0.587 + 0.144;

    private static double[] hog(byte[] image) {
        dev.cs231n.datavec.cifar.CifarDataset d = dev.cs231n.datavec.cifar.CifarDataset.of(image, new byte[1]);
        double[] out = new double[HogFeature.SIZE + 3];
        new HogFeature().compute(d, 0, out, 3);
        return java.util.Arrays.copyOfRange(out, 3, out.length);
    }

    private static int index(int cellX, int cellY, int bin) {
        return (cellX * 4 + cellY) * HogFeature.BINS + bin;
    }

    @Test
    void hasTheCourseSize() {
        assertEquals(144, new HogFeature().size());
    }

    @Test
    void constantImageHasNoGradient() {
        for (double v : hog(SyntheticCifar.grey((y, x) -> 77))) {
            assertEquals(0.0, v);
        }
    }

    /** g = 2x: gx = 2 GREY (0 in the last column), gy = 0, orientation 90 degrees: bin 4. */
    @Test
    void horizontalRampFillsBinFourWithTheMeanMagnitude() {
        double[] h = hog(SyntheticCifar.grey((y, x) -> 2 * x));
        double mag = 2 * GREY;
        for (int cx = 0; cx < 4; cx++) {
            for (int cy = 0; cy < 4; cy++) {
                for (int bin = 0; bin < 9; bin++) {
                    double expected = bin != 4 ? 0.0 : cx < 3 ? mag : mag * 7 / 8; // last column has gx = 0
                    assertEquals(expected, h[index(cx, cy, bin)], 1e-12, "cell " + cx + "," + cy + " bin " + bin);
                }
            }
        }
    }

    /** g = x + y: gx = gy = GREY, orientation 135 degrees: bin 6, magnitude sqrt(2) GREY. */
    @Test
    void diagonalRampFillsBinSix() {
        double[] h = hog(SyntheticCifar.grey((y, x) -> x + y));
        // interior cell (0, 0): all 64 pixels have both differences
        assertEquals(Math.sqrt(2) * GREY, h[index(0, 0, 6)], 1e-12);
        // bottom-right cell: the last row (gy = 0, gx = GREY: 90 degrees, bin 4) and last column (gx = 0, gy = GREY:
        // 180 degrees, counted nowhere) differ; (31, 31) has no gradient.
        assertEquals(49 * Math.sqrt(2) * GREY / 64, h[index(3, 3, 6)], 1e-12);
        assertEquals(7 * GREY / 64, h[index(3, 3, 4)], 1e-12);
    }

    /** A vertical ramp has orientation 180 degrees: outside [0, 180), the course counts it in no bin. */
    @Test
    void verticalRampFallsOutsideEveryBinAsInTheCourse() {
        double[] h = hog(SyntheticCifar.grey((y, x) -> 3 * y));
        for (double v : h) {
            assertEquals(0.0, v);
        }
    }

    /** The cells are ordered column-major (the course's transpose): an edge in cell column 1 only. */
    @Test
    void cellOrderFollowsTheCourseTranspose() {
        // a step between x = 11 and x = 12 (cell column 1), rows 0..7 only (cell row 0)
        double[] h = hog(SyntheticCifar.grey((y, x) -> y < 8 && x >= 12 ? 200 : 0));
        double expected = 8 * 200 * GREY / 64; // 8 pixels at x = 11 with gx = 200 GREY
        assertEquals(expected, h[index(1, 0, 4)], 1e-9);
        assertEquals(0.0, h[index(0, 1, 4)], 0.0);
    }
}
