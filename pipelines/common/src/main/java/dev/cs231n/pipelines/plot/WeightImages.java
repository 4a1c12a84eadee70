package dev.cs231n.pipelines.plot;

/**
 * Turns learned weights over CIFAR-10 pixels into images (the course's weight templates and first-layer filters).
 */
public final class WeightImages {

    private WeightImages() {
    }

    /**
     * Rescales one weight vector over a {@code 3 x side x side} image (CHW order, as the flat CIFAR features) to
     * 0-255 by its own minimum and maximum.
     *
     * @param chw  {@code 3 * side * side} weights, all of channel 0 first
     * @param side image side
     * @return packed {@code 0xFFRRGGBB} pixels, row-major, for {@link ImageGrid}
     */
    public static int[] toArgb(double[] chw, int side) {
        int plane = side * side;
        if (chw.length != 3 * plane) {
            throw new IllegalArgumentException("expected " + 3 * plane + " weights, got " + chw.length);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : chw) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = max > min ? 255.0 / (max - min) : 0.0;
        int[] argb = new int[plane];
        for (int p = 0; p < plane; p++) {
            int r = (int) Math.round((chw[p] - min) * scale);
            int g = (int) Math.round((chw[plane + p] - min) * scale);
            int b = (int) Math.round((chw[2 * plane + p] - min) * scale);
            argb[p] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return argb;
    }
}
