package dev.cs231n.datavec.cifar.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link SimClrViews}: the statistics of its random choices (flip, jitter and grayscale rates, crop scale and aspect,
 * jitter factor ranges, jitter order) against the course's recipe, and the pixels each choice renders.
 */
class SimClrViewsTest {

    private static final int DRAWS = 20_000;
    private static final SimClrViews COURSE = SimClrViews.course();
    private static final int P = 1024;

    /** A colourful test image: smooth gradients in each channel, distinct per column and row. */
    static byte[] image(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[3 * P];
        for (int c = 0; c < 3; c++) {
            int phase = r.nextInt(256);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    b[c * P + y * 32 + x] = (byte) ((phase + (c + 1) * 7 * x + (3 - c) * 5 * y + r.nextInt(9)) & 0xFF);
                }
            }
        }
        return b;
    }

    /** @return the view of a choice, de-normalised back to [0, 1] */
    static float[] render01(SimClrViews v, ViewParams p, byte[] img) {
        float[] out = new float[3 * P];
        v.apply(p, img, 0, out, 0, new float[6 * P]);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < P; i++) {
                out[c * P + i] = (float) (out[c * P + i] * SimClrViews.COURSE_STD[c] + SimClrViews.COURSE_MEAN[c]);
            }
        }
        return out;
    }

    private static void assertRate(String what, int hits, double p) {
        double sigma = Math.sqrt(p * (1 - p) / DRAWS);
        double rate = (double) hits / DRAWS;
        assertTrue(Math.abs(rate - p) < 5 * sigma, what + " rate " + rate + ", expected " + p + " +- " + 5 * sigma);
    }

    @Test
    void ratesOfFlipJitterAndGrayscaleAreTheCourses() {
        SplittableRandom r = new SplittableRandom(1);
        int flips = 0;
        int jitters = 0;
        int grays = 0;
        int[] firstOp = new int[4];
        for (int i = 0; i < DRAWS; i++) {
            ViewParams v = COURSE.sample(r);
            flips += v.flip() ? 1 : 0;
            grays += v.grayscale() ? 1 : 0;
            if (v.jitter()) {
                jitters++;
                int[] sorted = v.order().clone();
                Arrays.sort(sorted);
                assertArrayEquals(new int[] {0, 1, 2, 3}, sorted, "jitter order is a permutation");
                firstOp[v.order()[0]]++;
            } else {
                assertEquals(1.0, v.brightness());
                assertEquals(0.0, v.hue());
            }
        }
        assertRate("flip", flips, 0.5);
        assertRate("colour jitter", jitters, 0.8);
        assertRate("grayscale", grays, 0.2);
        for (int op = 0; op < 4; op++) {
            double share = (double) firstOp[op] / jitters;
            assertTrue(Math.abs(share - 0.25) < 0.02, "jitter op " + op + " comes first in " + share + " of views");
        }
    }

    @Test
    void cropScaleAndAspectStayInTheirRanges() {
        SplittableRandom r = new SplittableRandom(2);
        double minScale = 1;
        double maxScale = 0;
        double sumScale = 0;
        double minAspect = 10;
        double maxAspect = 0;
        double sumLogAspectLarge = 0;
        int large = 0;
        for (int i = 0; i < DRAWS; i++) {
            ViewParams v = COURSE.sample(r);
            assertTrue(v.cropY() >= 0 && v.cropX() >= 0 && v.cropY() + v.cropH() <= 32 && v.cropX() + v.cropW() <= 32,
                    "crop inside the image: " + v);
            minScale = Math.min(minScale, v.scale());
            maxScale = Math.max(maxScale, v.scale());
            sumScale += v.scale();
            minAspect = Math.min(minAspect, v.aspect());
            maxAspect = Math.max(maxAspect, v.aspect());
            if (v.cropH() >= 16 && v.cropW() >= 16) {
                // rounding to whole pixels moves the ratio of small crops: judge the ratio range on large ones
                assertTrue(v.aspect() > 0.75 * 0.94 && v.aspect() < 4.0 / 3 / 0.94, "aspect " + v.aspect());
                sumLogAspectLarge += Math.log(v.aspect());
                large++;
            }
        }
        // area fraction U(0.08, 1) of 1024 pixels, rounded to whole rows and columns
        assertTrue(minScale >= 0.06 && minScale < 0.09, "smallest crop " + minScale);
        assertTrue(maxScale > 0.97 && maxScale <= 1.0, "largest crop " + maxScale);
        double meanScale = sumScale / DRAWS;
        assertTrue(meanScale > 0.45 && meanScale < 0.56, "mean crop scale " + meanScale);
        assertTrue(minAspect >= 0.6 && minAspect < 0.76, "smallest aspect " + minAspect);
        assertTrue(maxAspect <= 1.67 && maxAspect > 1.3, "largest aspect " + maxAspect);
        assertTrue(Math.abs(sumLogAspectLarge / large) < 0.02, "log aspect centred on 0");
    }

    @Test
    void jitterFactorsStayInTheirRanges() {
        SplittableRandom r = new SplittableRandom(3);
        double[] lo = {10, 10, 10, 10};
        double[] hi = {-10, -10, -10, -10};
        for (int i = 0; i < DRAWS; i++) {
            ViewParams v = COURSE.sample(r);
            if (!v.jitter()) {
                continue;
            }
            double[] f = {v.brightness(), v.contrast(), v.saturation(), v.hue()};
            for (int k = 0; k < 4; k++) {
                lo[k] = Math.min(lo[k], f[k]);
                hi[k] = Math.max(hi[k], f[k]);
            }
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(lo[k] >= 0.6 && lo[k] < 0.61, "factor " + k + " low " + lo[k]);
            assertTrue(hi[k] <= 1.4 && hi[k] > 1.39, "factor " + k + " high " + hi[k]);
        }
        assertTrue(lo[3] >= -0.1 && lo[3] < -0.099 && hi[3] <= 0.1 && hi[3] > 0.099, "hue " + lo[3] + ".." + hi[3]);
    }

    @Test
    void sameSeedSameChoicesAndPixels() {
        byte[] img = image(4);
        float[] a = new float[3 * P];
        float[] b = new float[3 * P];
        float[] a2 = new float[3 * P];
        float[] b2 = new float[3 * P];
        COURSE.pair(img, 0, new SplittableRandom(99), a, 0, b, 0);
        COURSE.pair(img, 0, new SplittableRandom(99), a2, 0, b2, 0);
        assertArrayEquals(a, a2);
        assertArrayEquals(b, b2);
        assertFalse(Arrays.equals(a, b), "the two views of an image differ");
    }

    @Test
    void identityChoicesOnlyNormalise() {
        byte[] img = image(5);
        float[] v = render01(COURSE, ViewParams.identity(), img);
        for (int i = 0; i < 3 * P; i++) {
            assertEquals((img[i] & 0xFF) / 255.0, v[i], 1e-6);
        }
    }

    @Test
    void flipMirrorsTheColumns() {
        byte[] img = image(6);
        ViewParams crop = new ViewParams(3, 5, 20, 24, false, false, 1, 1, 1, 0, new int[] {0, 1, 2, 3}, false);
        ViewParams flipped = new ViewParams(3, 5, 20, 24, true, false, 1, 1, 1, 0, new int[] {0, 1, 2, 3}, false);
        float[] a = render01(COURSE, crop, img);
        float[] b = render01(COURSE, flipped, img);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    assertEquals(a[c * P + y * 32 + x], b[c * P + y * 32 + 31 - x], 1e-6);
                }
            }
        }
    }

    @Test
    void resizedCropSamplesTheCropBilinearly() {
        byte[] img = image(7);
        // a 16 x 16 crop at (8, 4) doubled: output (2y+1, 2x+1) samples the crop at (y + 0.25, x + 0.25)
        ViewParams v = new ViewParams(8, 4, 16, 16, false, false, 1, 1, 1, 0, new int[] {0, 1, 2, 3}, false);
        float[] out = render01(COURSE, v, img);
        for (int c = 0; c < 3; c++) {
            assertEquals(px(img, c, 8, 4), out[c * P], 1e-6, "top-left corner is the crop's corner");
            for (int y = 0; y < 15; y++) {
                for (int x = 0; x < 15; x++) {
                    double expected = 0.5625 * px(img, c, 8 + y, 4 + x) + 0.1875 * px(img, c, 8 + y, 5 + x)
                            + 0.1875 * px(img, c, 9 + y, 4 + x) + 0.0625 * px(img, c, 9 + y, 5 + x);
                    assertEquals(expected, out[c * P + (2 * y + 1) * 32 + 2 * x + 1], 1e-5);
                }
            }
        }
    }

    private static double px(byte[] img, int c, int y, int x) {
        return (img[c * P + y * 32 + x] & 0xFF) / 255.0;
    }

    @Test
    void grayscaleMakesTheChannelsEqual() {
        byte[] img = image(8);
        ViewParams v = new ViewParams(0, 0, 32, 32, false, false, 1, 1, 1, 0, new int[] {0, 1, 2, 3}, true);
        float[] out = render01(COURSE, v, img);
        for (int i = 0; i < P; i++) {
            double expected = 0.299 * px(img, 0, i / 32, i % 32) + 0.587 * px(img, 1, i / 32, i % 32)
                    + 0.114 * px(img, 2, i / 32, i % 32);
            assertEquals(expected, out[i], 1e-5);
            assertEquals(out[i], out[P + i], 1e-5);
            assertEquals(out[i], out[2 * P + i], 1e-5);
        }
    }

    @Test
    void jitterOperationsFollowTorchvisionsDefinitions() {
        byte[] img = image(9);
        float[] base = render01(COURSE, ViewParams.identity(), img);
        int[] order = {0, 1, 2, 3};
        // brightness 1.3 alone: clamp(1.3 x)
        float[] b = render01(COURSE, new ViewParams(0, 0, 32, 32, false, true, 1.3, 1, 1, 0, order, false), img);
        for (int i = 0; i < 3 * P; i++) {
            assertEquals(Math.min(1, 1.3 * base[i]), b[i], 1e-5);
        }
        // contrast 0.7 alone: clamp(0.7 x + 0.3 mean(gray))
        double meanGray = 0;
        for (int i = 0; i < P; i++) {
            meanGray += 0.299 * base[i] + 0.587 * base[P + i] + 0.114 * base[2 * P + i];
        }
        meanGray /= P;
        float[] c = render01(COURSE, new ViewParams(0, 0, 32, 32, false, true, 1, 0.7, 1, 0, order, false), img);
        for (int i = 0; i < 3 * P; i++) {
            assertEquals(Math.max(0, Math.min(1, 0.7 * base[i] + 0.3 * meanGray)), c[i], 1e-5);
        }
        // saturation 0 alone: each pixel's grey
        float[] s = render01(COURSE, new ViewParams(0, 0, 32, 32, false, true, 1, 1, 0, 0, order, false), img);
        for (int i = 0; i < P; i++) {
            double g = 0.299 * base[i] + 0.587 * base[P + i] + 0.114 * base[2 * P + i];
            assertEquals(g, s[i], 1e-5);
            assertEquals(g, s[2 * P + i], 1e-5);
        }
        // hue: a shift by 1/3 turn sends pure red to pure green; two half turns are the identity
        byte[] red = new byte[3 * P];
        Arrays.fill(red, 0, P, (byte) 255);
        float[] green = render01(COURSE, new ViewParams(0, 0, 32, 32, false, true, 1, 1, 1, 1.0 / 3, order, false),
                red);
        assertEquals(0, green[0], 1e-5);
        assertEquals(1, green[P], 1e-5);
        assertEquals(0, green[2 * P], 1e-5);
        SimClrViews v = COURSE;
        float[] half = render01(v, new ViewParams(0, 0, 32, 32, false, true, 1, 1, 1, 0.5, order, false), img);
        assertFalse(Arrays.equals(half, base));
        float[] zero = render01(v, new ViewParams(0, 0, 32, 32, false, true, 1, 1, 1, 0, order, false), img);
        for (int i = 0; i < 3 * P; i++) {
            assertEquals(base[i], zero[i], 1e-5, "hue shift 0 leaves the pixel");
        }
    }

    @Test
    void everyOutputValueIsANormalisedValueOfTheUnitRange() {
        SplittableRandom r = new SplittableRandom(10);
        float[][] range = COURSE.valueRange();
        float[] out = new float[3 * P];
        float[] work = new float[6 * P];
        for (int n = 0; n < 500; n++) {
            byte[] img = image(n);
            COURSE.apply(COURSE.sample(r), img, 0, out, 0, work);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < P; i++) {
                    float v = out[c * P + i];
                    assertTrue(v >= range[c][0] - 1e-5 && v <= range[c][1] + 1e-5, "value " + v + " channel " + c);
                }
            }
        }
    }

    @Test
    void builderRejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> SimClrViews.builder().cropScale(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SimClrViews.builder().cropScale(0.5, 0.2));
        assertThrows(IllegalArgumentException.class, () -> SimClrViews.builder().flipProbability(1.5));
        assertThrows(IllegalArgumentException.class, () -> SimClrViews.builder().colorJitter(0.8, 0.4, 0.4, 0.4, 0.7));
        assertThrows(IllegalArgumentException.class,
                () -> SimClrViews.builder().normalisation(new double[] {0, 0, 0}, new double[] {1, 0, 1}));
    }
}
