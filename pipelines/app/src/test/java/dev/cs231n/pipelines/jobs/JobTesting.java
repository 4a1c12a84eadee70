package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.cs231n.testing.SyntheticCifar;

/** What the jobs' end-to-end tests share: synthetic data in the official format, metric and file assertions. */
final class JobTesting {

    private static Path synthetic;

    private JobTesting() {
    }

    /**
     * @return a data folder holding {@code cifar-10-batches-bin} with the official sizes (5 x 10,000 training, 10,000
     *         test images) of learnable synthetic images, written once per JVM
     */
    static synchronized String syntheticDataDir() {
        if (synthetic == null) {
            try {
                Path root = Files.createTempDirectory("cs231n-synthetic-cifar");
                SyntheticCifar.writeLearnableBatches(root.resolve(SyntheticCifar.DIRECTORY_NAME),
                        SyntheticCifar.OFFICIAL_PER_FILE, SyntheticCifar.OFFICIAL_PER_FILE, 1);
                root.toFile().deleteOnExit();
                synthetic = root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return synthetic.toString();
    }

    /**
     * @param m   metrics.json's content
     * @param key a key it must have
     * @return its number
     */
    static double number(Map<String, Object> m, String key) {
        assertTrue(m.containsKey(key), "metrics.json has no " + key + ": " + m);
        return ((Number) m.get(key)).doubleValue();
    }

    /**
     * @param png       a file that must be a PNG of at least this size
     * @param minWidth  minimal width
     * @param minHeight minimal height
     * @throws IOException when it cannot be read
     */
    static void assertPng(Path png, int minWidth, int minHeight) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() >= minWidth && img.getHeight() >= minHeight, png.toString());
    }

    /**
     * @param a arguments
     * @param b more
     * @return both, in order
     */
    static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
