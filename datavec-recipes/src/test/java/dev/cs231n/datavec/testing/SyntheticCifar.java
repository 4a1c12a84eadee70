package dev.cs231n.datavec.testing;

import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.CifarFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small CIFAR-10 batch files in the official binary format, written by tests. Image {@code id} has label
 * {@code id % 10} and pixel {@code (c, y, x)} = {@link #pixel(int, int, int, int)}, so every value can be
 * checked exactly.
 */
public final class SyntheticCifar {

    /** Id of the first test image (training images have ids 0 .. 5*perFile-1). */
    public static final int TEST_ID_BASE = 100_000;

    private SyntheticCifar() {
    }

    /**
     * @param id image id
     * @param c  channel
     * @param y  row
     * @param x  column
     * @return the pixel value 0..255 the synthetic image has there
     */
    public static int pixel(int id, int c, int y, int x) {
        return (id * 31 + c * 71 + y * 7 + x * 3 + (id >> 8) * 13) & 0xFF;
    }

    /**
     * @param id image id
     * @return its label
     */
    public static int label(int id) {
        return id % CifarFormat.NUM_CLASSES;
    }

    /**
     * Raw records of images {@code firstId .. firstId + count - 1}.
     *
     * @param firstId first image id
     * @param count   number of images
     * @return {@code count * 3073} bytes
     */
    public static byte[] records(int firstId, int count) {
        byte[] raw = new byte[count * CifarFormat.RECORD_BYTES];
        for (int r = 0; r < count; r++) {
            int id = firstId + r;
            int base = r * CifarFormat.RECORD_BYTES;
            raw[base] = (byte) label(id);
            for (int c = 0; c < CifarFormat.CHANNELS; c++) {
                for (int y = 0; y < CifarFormat.HEIGHT; y++) {
                    for (int x = 0; x < CifarFormat.WIDTH; x++) {
                        raw[base + 1 + c * 1024 + y * 32 + x] = (byte) pixel(id, c, y, x);
                    }
                }
            }
        }
        return raw;
    }

    /**
     * Writes a complete {@code cifar-10-batches-bin} folder: five training files of {@code perFile}
     * images (ids 0.. in order), a test file of {@code testCount} images (ids from
     * {@value #TEST_ID_BASE}) and {@code batches.meta.txt}.
     *
     * @param batchesDir the folder to create
     * @param perFile    images per training file
     * @param testCount  test images
     * @return {@code batchesDir}
     * @throws IOException on write errors
     */
    public static Path writeBatches(Path batchesDir, int perFile, int testCount) throws IOException {
        Files.createDirectories(batchesDir);
        for (int f = 0; f < CifarFormat.TRAIN_FILES.size(); f++) {
            Files.write(batchesDir.resolve(CifarFormat.TRAIN_FILES.get(f)), records(f * perFile, perFile));
        }
        Files.write(batchesDir.resolve(CifarFormat.TEST_FILE), records(TEST_ID_BASE, testCount));
        writeMeta(batchesDir.resolve(CifarFormat.META_FILE));
        return batchesDir;
    }

    /**
     * Writes a class-name file as the official one is laid out (names, then blank lines).
     *
     * @param file the file
     * @throws IOException on write errors
     */
    public static void writeMeta(Path file) throws IOException {
        Files.writeString(file, String.join("\n", CifarClasses.NAMES) + "\n\n", StandardCharsets.US_ASCII);
    }
}
