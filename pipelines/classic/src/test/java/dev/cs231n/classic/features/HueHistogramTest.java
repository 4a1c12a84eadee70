package dev.cs231n.classic.features;

import dev.cs231n.testing.SyntheticCifar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HueHistogramTest {

    private static double[] hist(byte[] image) {
        dev.cs231n.datavec.cifar.CifarDataset d = dev.cs231n.datavec.cifar.CifarDataset.of(image, new byte[1]);
        double[] out = new double[HueHistogram.BINS];
        new HueHistogram().compute(d, 0, out, 0);
        return out;
    }

    @Test
    void hueFollowsMatplotlib() {
        assertEquals(0.0, HueHistogram.hue(255, 0, 0), 1e-15);
        assertEquals(1.0 / 3, HueHistogram.hue(0, 255, 0), 1e-15);
        assertEquals(2.0 / 3, HueHistogram.hue(0, 0, 255), 1e-15);
        assertEquals(0.0, HueHistogram.hue(90, 90, 90), 0.0);
        assertEquals(5.0 / 6, HueHistogram.hue(255, 0, 255), 1e-15); // magenta: blue wins the tie, 4 + 1 = 5
        assertEquals(1.0 / 6, HueHistogram.hue(255, 255, 0), 1e-15); // yellow: green wins the tie, 2 - 1 = 1
        assertEquals(1.0 - 1.0 / 12, HueHistogram.hue(255, 0, 128), 1e-2); // (g - b) < 0 wraps around
    }

    @Test
    void fractionsPerBinSumToOne() {
        // left half pure green (hue 85: bin 3), right half grey (hue 0: bin 0)
        double[] h = hist(SyntheticCifar.image((y, x) -> x < 16 ? 0 : 100, (y, x) -> x < 16 ? 255 : 100,
                (y, x) -> x < 16 ? 0 : 100));
        assertEquals(0.5, h[0], 1e-12);
        assertEquals(0.5, h[3], 1e-12);
        assertEquals(1.0, java.util.Arrays.stream(h).sum(), 1e-12);
    }

    @Test
    void blueFallsInBinSix() {
        assertEquals(1.0, hist(SyntheticCifar.image((y, x) -> 0, (y, x) -> 0, (y, x) -> 200))[6], 1e-12);
    }
}
