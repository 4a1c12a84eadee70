package dev.cs231n.classic.features;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;

/**
 * The course's {@code color_histogram_hsv}: the fraction of an image's pixels whose hue falls in each of
 * {@link #BINS} equal bins, hue scaled to [0, 255] ({@code matplotlib.colors.rgb_to_hsv(im / 255) * 255}; grey
 * pixels have hue 0; where two channels share the maximum, blue wins over green over red, as in matplotlib). The
 * last bin includes its right edge, as {@code numpy.histogram}. The values sum to 1.
 */
public final class HueHistogram implements ImageFeature {

    /** Number of hue bins. */
    public static final int BINS = 10;

    @Override
    public int size() {
        return BINS;
    }

    @Override
    public void compute(CifarDataset data, int image, double[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + BINS, 0.0);
        int pixels = CifarFormat.HEIGHT * CifarFormat.WIDTH;
        for (int y = 0; y < CifarFormat.HEIGHT; y++) {
            for (int x = 0; x < CifarFormat.WIDTH; x++) {
                double h = hue(data.pixel(image, 0, y, x), data.pixel(image, 1, y, x), data.pixel(image, 2, y, x))
                        * 255.0;
                int bin = Math.min(BINS - 1, (int) (h / (255.0 / BINS)));
                out[offset + bin] += 1.0 / pixels;
            }
        }
    }

    /**
     * matplotlib's hue of an RGB colour.
     *
     * @param r red 0-255
     * @param g green 0-255
     * @param b blue 0-255
     * @return hue in [0, 1)
     */
    static double hue(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        double delta = max - Math.min(r, Math.min(g, b));
        if (delta == 0) {
            return 0.0;
        }
        double h;
        if (b == max) {
            h = 4.0 + (r - g) / delta;
        } else if (g == max) {
            h = 2.0 + (b - r) / delta;
        } else {
            h = (g - b) / delta;
        }
        h /= 6.0;
        return h - Math.floor(h);
    }
}
