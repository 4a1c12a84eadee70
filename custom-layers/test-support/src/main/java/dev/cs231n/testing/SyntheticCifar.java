package dev.cs231n.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;

/**
 * Synthetic CIFAR-10 data in the official binary format, written by tests (every module's; this class depends on
 * nothing of the project so that any module can use it).
 *
 * <p>Official format: per record one label byte, then the red, green and blue 32x32 planes, row-major (3073 bytes);
 * five training files {@code data_batch_1.bin .. data_batch_5.bin}, a test file {@code test_batch.bin} and the class
 * names in {@code batches.meta.txt}, all in a folder {@code cifar-10-batches-bin}.
 *
 * <p>Two kinds of content:
 * <ul>
 * <li>{@link #writeBatches}: image {@code id} has label {@code id % 10} and pixel {@code (c, y, x)} =
 * {@link #pixel(int, int, int, int)}, so a reader's every value can be checked exactly;</li>
 * <li>{@link #writeLearnableBatches}: each class has its own mean colour and a bright square at its own place,
 * plus seeded noise, so that a classifier trained on a few hundred images beats chance; for jobs' end-to-end
 * tests.</li>
 * </ul>
 */
public final class SyntheticCifar {

    /** Folder name of the batches, as in the official archive. */
    public static final String DIRECTORY_NAME = "cifar-10-batches-bin";
    /** Training file names, in order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** Test file name. */
    public static final String TEST_FILE = "test_batch.bin";
    /** Class-name file. */
    public static final String META_FILE = "batches.meta.txt";
    /** The ten class names, in label order. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    /** Bytes of one image (3 x 32 x 32). */
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    /** Bytes of one record (label + image). */
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    /** Images per file in the official release. */
    public static final int OFFICIAL_PER_FILE = 10_000;
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
        return id % CLASS_NAMES.size();
    }

    /**
     * Raw records of images {@code firstId .. firstId + count - 1}.
     *
     * @param firstId first image id
     * @param count   number of images
     * @return {@code count * 3073} bytes
     */
    public static byte[] records(int firstId, int count) {
        byte[] raw = new byte[count * RECORD_BYTES];
        for (int r = 0; r < count; r++) {
            int id = firstId + r;
            raw[r * RECORD_BYTES] = (byte) label(id);
            writeImage(id, raw, r * RECORD_BYTES + 1);
        }
        return raw;
    }

    /**
     * @param n number of images
     * @return the pixels of images {@code 0 .. n-1} without labels ({@code n * 3072} bytes, CHW per image)
     */
    public static byte[] images(int n) {
        byte[] out = new byte[n * IMAGE_BYTES];
        for (int i = 0; i < n; i++) {
            writeImage(i, out, i * IMAGE_BYTES);
        }
        return out;
    }

    /**
     * @param n number of images
     * @return the labels of images {@code 0 .. n-1}
     */
    public static byte[] labels(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) label(i);
        }
        return out;
    }

    /**
     * One image whose channels the caller defines.
     *
     * @param r red value at (y, x)
     * @param g green value at (y, x)
     * @param b blue value at (y, x)
     * @return its 3072 bytes, CHW
     */
    public static byte[] image(IntBinaryOperator r, IntBinaryOperator g, IntBinaryOperator b) {
        byte[] img = new byte[IMAGE_BYTES];
        IntBinaryOperator[] ch = {r, g, b};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    img[c * 1024 + y * 32 + x] = (byte) ch[c].applyAsInt(y, x);
                }
            }
        }
        return img;
    }

    /**
     * @param v the value of all three channels at (y, x)
     * @return a grey image's 3072 bytes, CHW
     */
    public static byte[] grey(IntBinaryOperator v) {
        return image(v, v, v);
    }

    private static void writeImage(int id, byte[] out, int offset) {
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    out[offset + c * 1024 + y * 32 + x] = (byte) pixel(id, c, y, x);
                }
            }
        }
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
        for (int f = 0; f < TRAIN_FILES.size(); f++) {
            Files.write(batchesDir.resolve(TRAIN_FILES.get(f)), records(f * perFile, perFile));
        }
        Files.write(batchesDir.resolve(TEST_FILE), records(TEST_ID_BASE, testCount));
        writeMeta(batchesDir.resolve(META_FILE));
        return batchesDir;
    }

    /**
     * Writes a {@code cifar-10-batches-bin} folder whose classes can be told apart: image {@code i} of a file has
     * label {@code (i * 7 + f) % 10}; its pixels are the class's mean colour, a bright 8x8 square at a
     * class-dependent place, and uniform noise of +-48, all drawn from {@code seed}. The same arguments give the same
     * bytes.
     *
     * @param batchesDir the folder to create
     * @param perFile    images per training file ({@value #OFFICIAL_PER_FILE} for the official sizes, which the
     *                   course's splits need)
     * @param testCount  test images
     * @param seed       seed of the noise
     * @return {@code batchesDir}
     * @throws IOException on write errors
     */
    public static Path writeLearnableBatches(Path batchesDir, int perFile, int testCount, long seed)
            throws IOException {
        Files.createDirectories(batchesDir);
        for (int f = 0; f < TRAIN_FILES.size(); f++) {
            Files.write(batchesDir.resolve(TRAIN_FILES.get(f)), learnableRecords(perFile, f, seed));
        }
        Files.write(batchesDir.resolve(TEST_FILE), learnableRecords(testCount, TRAIN_FILES.size(), seed));
        writeMeta(batchesDir.resolve(META_FILE));
        return batchesDir;
    }

    private static byte[] learnableRecords(int count, int file, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + file);
        byte[] raw = new byte[count * RECORD_BYTES];
        for (int i = 0; i < count; i++) {
            int label = (i * 7 + file) % CLASS_NAMES.size();
            int base = i * RECORD_BYTES;
            raw[base] = (byte) label;
            int sy = 4 + (label % 4) * 6;
            int sx = 4 + (label / 4) * 8;
            for (int c = 0; c < 3; c++) {
                int mean = 40 + ((label * (c + 3) * 37) % 176);
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int v = mean + rnd.nextInt(97) - 48;
                        if (y >= sy && y < sy + 8 && x >= sx && x < sx + 8) {
                            v += 90;
                        }
                        raw[base + 1 + c * 1024 + y * 32 + x] = (byte) Math.max(0, Math.min(255, v));
                    }
                }
            }
        }
        return raw;
    }

    /**
     * Writes a class-name file as the official one is laid out (names, then blank lines).
     *
     * @param file the file
     * @throws IOException on write errors
     */
    public static void writeMeta(Path file) throws IOException {
        Files.writeString(file, String.join("\n", CLASS_NAMES) + "\n\n", StandardCharsets.US_ASCII);
    }
}
