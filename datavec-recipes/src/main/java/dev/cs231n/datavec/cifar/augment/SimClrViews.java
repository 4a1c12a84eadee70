package dev.cs231n.datavec.cifar.augment;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.cs231n.datavec.cifar.CifarFormat;

/**
 * SimCLR's augmentation of a CIFAR-10 image, as the course (assignment 3, {@code compute_train_transform}) composes
 * it from torchvision, in plain array code (about 0.7 ms a pair on one core, see the bench row; a chain of DataVec image transforms would go
 * through OpenCV matrices per image):
 * <ol>
 * <li>random resized crop back to 32 x 32: area fraction uniform in {@code [minScale, maxScale]} (0.08..1),
 * log-aspect uniform in {@code [log 3/4, log 4/3]}, 10 tries then the centre crop, as torchvision's
 * {@code RandomResizedCrop}; bilinear resampling (half-pixel centres, as torchvision);</li>
 * <li>horizontal flip with probability 0.5;</li>
 * <li>with probability 0.8, colour jitter: brightness, contrast and saturation factors uniform in
 * {@code [1 - 0.4, 1 + 0.4]}, hue shift uniform in {@code [-0.1, 0.1]}, applied in a random order, each clamped to
 * [0, 1] (torchvision's {@code ColorJitter(0.4, 0.4, 0.4, 0.1)} definitions: contrast blends with the mean grey
 * level, saturation with each pixel's grey, hue rotates in HSV);</li>
 * <li>with probability 0.2, grayscale ({@code 0.299 R + 0.587 G + 0.114 B} in all three channels);</li>
 * <li>normalisation {@code (x - mean_c) / std_c} of the [0, 1] values, by default with the course's CIFAR-10
 * constants.</li>
 * </ol>
 * {@link #sample} draws one view's choices from a random source and {@link #apply} renders them, so that a test can
 * look at the choices and the pixels separately; {@link #pair} draws and renders the two independent views of an
 * image. Instances are immutable and thread-safe.
 */
public final class SimClrViews {

    /** The course's normalisation means (R, G, B) of CIFAR-10 on [0, 1]. */
    public static final double[] COURSE_MEAN = {0.4914, 0.4822, 0.4465};
    /** The course's normalisation standard deviations (R, G, B). */
    public static final double[] COURSE_STD = {0.2023, 0.1994, 0.2010};

    private static final int H = CifarFormat.HEIGHT;
    private static final int W = CifarFormat.WIDTH;
    private static final int P = CifarFormat.PIXELS_PER_CHANNEL;
    private static final int CROP_TRIES = 10;

    private final double minScale;
    private final double maxScale;
    private final double minLogRatio;
    private final double maxLogRatio;
    private final double flipProbability;
    private final double jitterProbability;
    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;
    private final double grayscaleProbability;
    private final float[] mean;
    private final float[] invStd;

    private SimClrViews(Builder b) {
        this.minScale = b.minScale;
        this.maxScale = b.maxScale;
        this.minLogRatio = Math.log(b.minRatio);
        this.maxLogRatio = Math.log(b.maxRatio);
        this.flipProbability = b.flipProbability;
        this.jitterProbability = b.jitterProbability;
        this.brightness = b.brightness;
        this.contrast = b.contrast;
        this.saturation = b.saturation;
        this.hue = b.hue;
        this.grayscaleProbability = b.grayscaleProbability;
        this.mean = new float[3];
        this.invStd = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = (float) b.mean[c];
            invStd[c] = (float) (1.0 / b.std[c]);
        }
    }

    /** @return the course's recipe with its normalisation constants */
    public static SimClrViews course() {
        return builder().build();
    }

    /** @return a builder with the course's settings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Draws one view's random choices, in a fixed order of draws (so one seed always gives the same choices).
     *
     * @param r the random source
     * @return the choices
     */
    public ViewParams sample(SplittableRandom r) {
        int cropY = 0;
        int cropX = 0;
        int cropH = -1;
        int cropW = -1;
        double area = H * W;
        for (int t = 0; t < CROP_TRIES && cropH < 0; t++) {
            double target = area * uniform(r, minScale, maxScale);
            double ratio = Math.exp(uniform(r, minLogRatio, maxLogRatio));
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && w <= W && h > 0 && h <= H) {
                cropH = h;
                cropW = w;
                cropY = r.nextInt(H - h + 1);
                cropX = r.nextInt(W - w + 1);
            }
        }
        if (cropH < 0) {
            // torchvision's fallback: the whole image, clamped to the ratio range (square here)
            cropH = H;
            cropW = W;
        }
        boolean flip = r.nextDouble() < flipProbability;
        boolean jitter = r.nextDouble() < jitterProbability;
        double b = 1;
        double c = 1;
        double s = 1;
        double h = 0;
        int[] order = {0, 1, 2, 3};
        if (jitter) {
            for (int i = 3; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            b = uniform(r, Math.max(0, 1 - brightness), 1 + brightness);
            c = uniform(r, Math.max(0, 1 - contrast), 1 + contrast);
            s = uniform(r, Math.max(0, 1 - saturation), 1 + saturation);
            h = uniform(r, -hue, hue);
        }
        boolean gray = r.nextDouble() < grayscaleProbability;
        return new ViewParams(cropY, cropX, cropH, cropW, flip, jitter, b, c, s, h, order, gray);
    }

    /**
     * Draws and renders the two independent views of one image: view 1's choices, then view 2's, from {@code r}.
     *
     * @param image   3072 pixel bytes (uint8, CHW)
     * @param offset  where the image starts in {@code image}
     * @param r       the random source of this image
     * @param view1   destination of view 1 (3072 floats, CHW)
     * @param offset1 where view 1 goes
     * @param view2   destination of view 2
     * @param offset2 where view 2 goes
     */
    public void pair(byte[] image, int offset, SplittableRandom r, float[] view1, int offset1, float[] view2,
            int offset2) {
        float[] work = new float[2 * CifarFormat.IMAGE_BYTES];
        apply(sample(r), image, offset, view1, offset1, work);
        apply(sample(r), image, offset, view2, offset2, work);
    }

    /**
     * Renders one view: crop, resize, flip, jitter, grayscale, normalise.
     *
     * @param v       the view's choices
     * @param image   3072 pixel bytes (uint8, CHW)
     * @param offset  where the image starts
     * @param dst     destination (3072 floats, CHW, normalised)
     * @param dstOff  where the view goes
     * @param work    scratch space of at least 6144 floats (reusable, not shared between threads)
     */
    public void apply(ViewParams v, byte[] image, int offset, float[] dst, int dstOff, float[] work) {
        float[] img = work;
        resizedCrop(v, image, offset, img);
        if (v.jitter()) {
            for (int op : v.order()) {
                switch (op) {
                    case 0 -> brightness(img, (float) v.brightness());
                    case 1 -> contrast(img, (float) v.contrast());
                    case 2 -> saturation(img, (float) v.saturation());
                    case 3 -> hue(img, (float) v.hue());
                    default -> throw new IllegalArgumentException("jitter order holds " + op);
                }
            }
        }
        if (v.grayscale()) {
            for (int p = 0; p < P; p++) {
                float g = gray(img, p);
                img[p] = g;
                img[P + p] = g;
                img[2 * P + p] = g;
            }
        }
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float is = invStd[c];
            int base = c * P;
            for (int p = 0; p < P; p++) {
                dst[dstOff + base + p] = (img[base + p] - m) * is;
            }
        }
    }

    /** Bilinear resampling of the crop to 32 x 32 (pixel centres at +0.5, as torchvision), flipped if asked. */
    private static void resizedCrop(ViewParams v, byte[] image, int offset, float[] out) {
        int[] y0 = new int[H];
        int[] y1 = new int[H];
        float[] wy = new float[H];
        int[] x0 = new int[W];
        int[] x1 = new int[W];
        float[] wx = new float[W];
        axis(v.cropY(), v.cropH(), H, y0, y1, wy);
        axis(v.cropX(), v.cropW(), W, x0, x1, wx);
        if (v.flip()) {
            reverse(x0);
            reverse(x1);
            reverse(wx);
        }
        for (int c = 0; c < 3; c++) {
            int src = offset + c * P;
            int dst = c * P;
            for (int y = 0; y < H; y++) {
                int r0 = src + y0[y] * W;
                int r1 = src + y1[y] * W;
                float fy = wy[y];
                for (int x = 0; x < W; x++) {
                    float fx = wx[x];
                    float top = (image[r0 + x0[x]] & 0xFF) * (1 - fx) + (image[r0 + x1[x]] & 0xFF) * fx;
                    float bottom = (image[r1 + x0[x]] & 0xFF) * (1 - fx) + (image[r1 + x1[x]] & 0xFF) * fx;
                    out[dst + y * W + x] = (top * (1 - fy) + bottom * fy) * (1f / 255f);
                }
            }
        }
    }

    /** Source indices and weights along one axis: output i samples the crop at {@code (i + 0.5) * len / n - 0.5}. */
    private static void axis(int start, int len, int n, int[] i0, int[] i1, float[] w) {
        double step = (double) len / n;
        for (int i = 0; i < n; i++) {
            double s = Math.max(0, (i + 0.5) * step - 0.5);
            int a = Math.min((int) s, len - 1);
            i0[i] = start + a;
            i1[i] = start + Math.min(a + 1, len - 1);
            w[i] = (float) (s - a);
            if (a == len - 1) {
                w[i] = 0;
            }
        }
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void reverse(float[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            float t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static float gray(float[] img, int p) {
        return 0.299f * img[p] + 0.587f * img[P + p] + 0.114f * img[2 * P + p];
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static void brightness(float[] img, float f) {
        for (int i = 0; i < 3 * P; i++) {
            img[i] = clamp(img[i] * f);
        }
    }

    private static void contrast(float[] img, float f) {
        double sum = 0;
        for (int p = 0; p < P; p++) {
            sum += gray(img, p);
        }
        float m = (float) (sum / P) * (1 - f);
        for (int i = 0; i < 3 * P; i++) {
            img[i] = clamp(f * img[i] + m);
        }
    }

    private static void saturation(float[] img, float f) {
        for (int p = 0; p < P; p++) {
            float g = gray(img, p) * (1 - f);
            img[p] = clamp(f * img[p] + g);
            img[P + p] = clamp(f * img[P + p] + g);
            img[2 * P + p] = clamp(f * img[2 * P + p] + g);
        }
    }

    /** Rotates the hue by {@code shift} turns through HSV, as torchvision's {@code adjust_hue}. */
    private static void hue(float[] img, float shift) {
        for (int p = 0; p < P; p++) {
            float r = img[p];
            float g = img[P + p];
            float b = img[2 * P + p];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float delta = max - min;
            if (delta == 0) {
                continue; // grey: hue undefined, unchanged
            }
            float h;
            if (max == r) {
                h = (g - b) / delta;
            } else if (max == g) {
                h = 2 + (b - r) / delta;
            } else {
                h = 4 + (r - g) / delta;
            }
            h = h / 6f + shift;
            h -= (float) Math.floor(h);
            float s = delta / max;
            float v = max;
            float h6 = h * 6f;
            int sector = Math.min((int) h6, 5);
            float frac = h6 - sector;
            float pp = v * (1 - s);
            float q = v * (1 - s * frac);
            float t = v * (1 - s * (1 - frac));
            switch (sector) {
                case 0 -> set(img, p, v, t, pp);
                case 1 -> set(img, p, q, v, pp);
                case 2 -> set(img, p, pp, v, t);
                case 3 -> set(img, p, pp, q, v);
                case 4 -> set(img, p, t, pp, v);
                default -> set(img, p, v, pp, q);
            }
        }
    }

    private static void set(float[] img, int p, float r, float g, float b) {
        img[p] = r;
        img[P + p] = g;
        img[2 * P + p] = b;
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** @return the lowest and highest normalised value a channel can take: {@code (0 - mean) / std, (1 - mean) / std} */
    public float[][] valueRange() {
        float[][] range = new float[3][2];
        for (int c = 0; c < 3; c++) {
            range[c][0] = (0 - mean[c]) * invStd[c];
            range[c][1] = (1 - mean[c]) * invStd[c];
        }
        return range;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "SimClrViews[crop scale %.2f..%.2f, ratio %.3f..%.3f, flip %.2f, "
                + "jitter p %.2f (b %.2f c %.2f s %.2f h %.2f), grayscale %.2f, mean %s]", minScale, maxScale,
                Math.exp(minLogRatio), Math.exp(maxLogRatio), flipProbability, jitterProbability, brightness,
                contrast, saturation, hue, grayscaleProbability, Arrays.toString(mean));
    }

    /** Settings of {@link SimClrViews}; the defaults are the course's. */
    public static final class Builder {
        private double minScale = 0.08;
        private double maxScale = 1.0;
        private double minRatio = 3.0 / 4.0;
        private double maxRatio = 4.0 / 3.0;
        private double flipProbability = 0.5;
        private double jitterProbability = 0.8;
        private double brightness = 0.4;
        private double contrast = 0.4;
        private double saturation = 0.4;
        private double hue = 0.1;
        private double grayscaleProbability = 0.2;
        private double[] mean = COURSE_MEAN.clone();
        private double[] std = COURSE_STD.clone();

        private Builder() {
        }

        /**
         * @param min smallest crop area fraction, in (0, max]
         * @param max largest, at most 1
         * @return this
         */
        public Builder cropScale(double min, double max) {
            if (!(min > 0 && min <= max && max <= 1)) {
                throw new IllegalArgumentException("crop scale must satisfy 0 < min <= max <= 1, got " + min + ".."
                        + max);
            }
            this.minScale = min;
            this.maxScale = max;
            return this;
        }

        /**
         * @param min smallest crop aspect ratio (width / height), positive
         * @param max largest, at least min
         * @return this
         */
        public Builder cropRatio(double min, double max) {
            if (!(min > 0 && min <= max)) {
                throw new IllegalArgumentException("crop ratio must satisfy 0 < min <= max, got " + min + ".." + max);
            }
            this.minRatio = min;
            this.maxRatio = max;
            return this;
        }

        /**
         * @param p probability of a horizontal flip
         * @return this
         */
        public Builder flipProbability(double p) {
            this.flipProbability = probability("flip", p);
            return this;
        }

        /**
         * @param p          probability that colour jitter is applied
         * @param brightness brightness strength (factor in [max(0, 1 - b), 1 + b])
         * @param contrast   contrast strength
         * @param saturation saturation strength
         * @param hue        hue strength, in [0, 0.5] (shift in [-h, h] turns)
         * @return this
         */
        public Builder colorJitter(double p, double brightness, double contrast, double saturation, double hue) {
            this.jitterProbability = probability("colour jitter", p);
            if (brightness < 0 || contrast < 0 || saturation < 0 || !(hue >= 0 && hue <= 0.5)) {
                throw new IllegalArgumentException("colour jitter strengths must be >= 0 and hue in [0, 0.5], got "
                        + brightness + ", " + contrast + ", " + saturation + ", " + hue);
            }
            this.brightness = brightness;
            this.contrast = contrast;
            this.saturation = saturation;
            this.hue = hue;
            return this;
        }

        /**
         * @param p probability of converting to grayscale
         * @return this
         */
        public Builder grayscaleProbability(double p) {
            this.grayscaleProbability = probability("grayscale", p);
            return this;
        }

        /**
         * @param mean per-channel means (R, G, B) of the [0, 1] values
         * @param std  per-channel standard deviations, positive
         * @return this
         */
        public Builder normalisation(double[] mean, double[] std) {
            if (mean.length != 3 || std.length != 3 || Arrays.stream(std).anyMatch(s -> !(s > 0))) {
                throw new IllegalArgumentException("normalisation needs 3 means and 3 positive standard deviations, "
                        + "got " + Arrays.toString(mean) + " / " + Arrays.toString(std));
            }
            this.mean = mean.clone();
            this.std = std.clone();
            return this;
        }

        /** @return the augmentation */
        public SimClrViews build() {
            return new SimClrViews(this);
        }

        private static double probability(String what, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(what + " probability must be in [0, 1], got " + p);
            }
            return p;
        }
    }
}
