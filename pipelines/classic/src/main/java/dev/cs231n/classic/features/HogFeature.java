package dev.cs231n.classic.features;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;

/**
 * Histogram of oriented gradients exactly as the course's {@code hog_feature} defines it (a simplification of
 * Dalal &amp; Triggs 2005, without block normalisation).
 *
 * <ol>
 * <li>Grayscale {@code g = 0.299 R + 0.587 G + 0.144 B} (the course's coefficients, 0.144 included).</li>
 * <li>Forward differences {@code gx[r][c] = g[r][c+1] - g[r][c]} (0 in the last column),
 * {@code gy[r][c] = g[r+1][c] - g[r][c]} (0 in the last row); magnitude {@code sqrt(gx² + gy²)}; orientation
 * {@code atan2(gy, gx + 1e-15)} in degrees {@code + 90}, which lies in (-90, 270].</li>
 * <li>9 bins of 20° over [0, 180): a pixel counts in bin {@code i} when {@code 20 i <= ori < 20 (i + 1)} and
 * {@code ori > 0} (the course's test; orientations outside [0, 180) count nowhere).</li>
 * <li>Per 8x8-pixel cell, each bin holds the mean over the cell's 64 pixels of the magnitudes counted in it.</li>
 * </ol>
 * Output: 4 x 4 cells x 9 = {@value #SIZE} values, ordered (cell column, cell row, bin), as the course's
 * transposed {@code ravel()}.
 */
public final class HogFeature implements ImageFeature {

    /** Orientation bins. */
    public static final int BINS = 9;
    /** Cell side in pixels. */
    public static final int CELL = 8;
    /** Values per 32x32 image. */
    public static final int SIZE = (CifarFormat.WIDTH / CELL) * (CifarFormat.HEIGHT / CELL) * BINS;

    private static final double BIN_DEGREES = 180.0 / BINS;

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void compute(CifarDataset data, int image, double[] out, int offset) {
        int h = CifarFormat.HEIGHT;
        int w = CifarFormat.WIDTH;
        double[] gray = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gray[y * w + x] = 0.299 * data.pixel(image, 0, y, x) + 0.587 * data.pixel(image, 1, y, x)
                        + 0.144 * data.pixel(image, 2, y, x);
            }
        }
        compute(gray, h, w, out, offset);
    }

    /**
     * The descriptor of a grayscale image.
     *
     * @param gray   row-major {@code h x w} intensities
     * @param h      height, a multiple of {@link #CELL}
     * @param w      width, a multiple of {@link #CELL}
     * @param out    receives {@code (w/8) * (h/8) * 9} values
     * @param offset the first position in {@code out}
     */
    static void compute(double[] gray, int h, int w, double[] out, int offset) {
        int cellsX = w / CELL;
        int cellsY = h / CELL;
        java.util.Arrays.fill(out, offset, offset + cellsX * cellsY * BINS, 0.0);
        for (int y = 0; y < cellsY * CELL; y++) {
            for (int x = 0; x < cellsX * CELL; x++) {
                double gx = x < w - 1 ? gray[y * w + x + 1] - gray[y * w + x] : 0.0;
                double gy = y < h - 1 ? gray[(y + 1) * w + x] - gray[y * w + x] : 0.0;
                double ori = Math.toDegrees(Math.atan2(gy, gx + 1e-15)) + 90.0;
                if (!(ori > 0.0) || ori >= 180.0) {
                    continue;
                }
                int bin = Math.min(BINS - 1, (int) (ori / BIN_DEGREES));
                int cell = ((x / CELL) * cellsY + (y / CELL)) * BINS;
                out[offset + cell + bin] += Math.sqrt(gx * gx + gy * gy);
            }
        }
        double area = CELL * CELL;
        for (int i = 0; i < cellsX * cellsY * BINS; i++) {
            out[offset + i] /= area;
        }
    }
}
