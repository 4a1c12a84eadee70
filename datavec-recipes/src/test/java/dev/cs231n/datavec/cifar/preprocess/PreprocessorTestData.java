package dev.cs231n.datavec.cifar.preprocess;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import java.util.Random;

/** Random uint8 images with per-channel offsets, and a split whose validation part differs from train. */
final class PreprocessorTestData {

    private PreprocessorTestData() {
    }

    /**
     * @param n    images
     * @param seed seed
     * @return random images, channel c drawn from a range that depends on c
     */
    static CifarDataset random(int n, long seed) {
        Random rng = new Random(seed);
        byte[] images = new byte[n * CifarFormat.IMAGE_BYTES];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < CifarFormat.IMAGE_BYTES; j++) {
                int c = j / CifarFormat.PIXELS_PER_CHANNEL;
                images[i * CifarFormat.IMAGE_BYTES + j] = (byte) (40 * c + rng.nextInt(120 + 40 * c));
            }
            labels[i] = (byte) rng.nextInt(10);
        }
        return CifarDataset.of(images, labels);
    }

    /**
     * @param n images
     * @return images whose every pixel is 255 (a validation part unlike any training data)
     */
    static CifarDataset white(int n) {
        byte[] images = new byte[n * CifarFormat.IMAGE_BYTES];
        java.util.Arrays.fill(images, (byte) 255);
        return CifarDataset.of(images, new byte[n]);
    }
}
