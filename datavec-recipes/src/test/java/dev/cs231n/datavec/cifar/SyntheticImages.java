package dev.cs231n.datavec.cifar;

import dev.cs231n.datavec.testing.SyntheticCifar;

/** In-memory synthetic images for {@link CifarDataset#of(byte[], byte[])} (same pattern as the files). */
final class SyntheticImages {

    private SyntheticImages() {
    }

    static byte[] images(int n) {
        byte[] out = new byte[n * CifarFormat.IMAGE_BYTES];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < CifarFormat.IMAGE_BYTES; j++) {
                out[i * CifarFormat.IMAGE_BYTES + j] = (byte) SyntheticCifar.pixel(i, j / 1024, (j / 32) % 32, j % 32);
            }
        }
        return out;
    }

    static byte[] labels(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) SyntheticCifar.label(i);
        }
        return out;
    }
}
