package dev.cs231n.pipelines.compat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.CifarFormat;

/**
 * A complete, deterministic, somewhat learnable CIFAR-10 in the official binary layout: five training files of
 * 10,000 records and a test file of 10,000 ({@code 1 label byte + 3072 pixel bytes}, CHW), plus
 * {@code batches.meta.txt}, as the jobs need it ({@code CifarSplits.course} requires the 50,000 training images).
 * It mirrors datavec-recipes' test helper {@code dev.cs231n.datavec.testing.SyntheticCifar} (which this module's
 * tests cannot see; a later restructure merges the test helpers into one test-support artifact), but its images
 * carry a class signal, so that accuracies are not all 0.1:
 *
 * <pre>
 * label(id)          = h(seed, id) mod 10                       (h: SplitMix64 finaliser; ids 0..49,999 train,
 *                                                                100,000.. test)
 * pixel(c, y, x)     = clamp(round(colour[label][c] + shift[c] + stripes(y, x) + noise), 0, 255)
 * colour[k][c]       = 128 + 48 cos(2 pi k / 10 + 2 pi c / 3)     (a class hue)
 * shift[c]           ~ U[-40, 40) per image and channel          (hides the hue in part: ~40-60 % for linear models)
 * stripes(y, x)      = 24 sin(2 pi (1 + k / 2) t / 32 + phase)    t = x for even k, y for odd k; phase ~ U[0, 2 pi)
 *                                                                per image (invisible to a linear model on pixels;
 *                                                                HOG and convolutions see the orientation/frequency)
 * noise              ~ U{-48..48} per pixel
 * </pre>
 *
 * Every random number comes from a SplitMix64 stream seeded by {@code (seed, id)} and implemented here, so the
 * bytes depend on nothing but the seed (no JDK or ND4J generator): {@link #sha256} of a regenerated folder equals
 * the stored one (StrictMath, not Math, for the same reason).
 */
public final class SyntheticCifarData {

    /** Id of the first test image; training images have ids 0..49,999. */
    public static final int TEST_ID_BASE = 100_000;
    /** The seed the stored compatibility artifacts were made with. */
    public static final long DEFAULT_SEED = 20_250_601L;

    /** SplitMix64's increment. */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private static final double[][] COLOURS = new double[CifarFormat.NUM_CLASSES][CifarFormat.CHANNELS];

    static {
        for (int k = 0; k < CifarFormat.NUM_CLASSES; k++) {
            for (int c = 0; c < CifarFormat.CHANNELS; c++) {
                COLOURS[k][c] = 128 + 48 * StrictMath.cos(2 * Math.PI * k / 10 + 2 * Math.PI * c / 3);
            }
        }
    }

    private SyntheticCifarData() {
    }

    /**
     * Writes {@code dataDir/cifar-10-batches-bin/} (the folder a job's {@code --data-dir} takes).
     *
     * @param dataDir the data folder
     * @param seed    the data seed
     * @return the batches folder
     * @throws IOException on write errors
     */
    public static Path write(Path dataDir, long seed) throws IOException {
        Path batches = dataDir.resolve(CifarFormat.DIRECTORY_NAME);
        Files.createDirectories(batches);
        for (int f = 0; f < CifarFormat.TRAIN_FILES.size(); f++) {
            writeFile(batches.resolve(CifarFormat.TRAIN_FILES.get(f)), f * CifarFormat.RECORDS_PER_FILE, seed);
        }
        writeFile(batches.resolve(CifarFormat.TEST_FILE), TEST_ID_BASE, seed);
        Files.writeString(batches.resolve(CifarFormat.META_FILE), String.join("\n", CifarClasses.NAMES) + "\n\n",
                StandardCharsets.US_ASCII);
        return batches;
    }

    private static void writeFile(Path file, int firstId, long seed) throws IOException {
        byte[] record = new byte[CifarFormat.RECORD_BYTES];
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < CifarFormat.RECORDS_PER_FILE; i++) {
                record(firstId + i, seed, record);
                out.write(record);
            }
        }
    }

    /**
     * @param id     image id
     * @param seed   data seed
     * @param record receives {@code 1 + 3072} bytes: the label, then the pixels in CHW order
     */
    static void record(int id, long seed, byte[] record) {
        long state = mix(seed ^ mix(id + 0x632BE59BD9B4E019L));
        int label = (int) Long.remainderUnsigned(mix(state), CifarFormat.NUM_CLASSES);
        record[0] = (byte) label;
        state += GAMMA;
        double phase = 2 * Math.PI * unit(mix(state));
        double frequency = 1 + label / 2;
        boolean alongX = label % 2 == 0;
        double[] stripes = new double[CifarFormat.WIDTH];
        for (int t = 0; t < stripes.length; t++) {
            stripes[t] = 24 * StrictMath.sin(2 * Math.PI * frequency * t / CifarFormat.WIDTH + phase);
        }
        int pos = 1;
        long bits = 0;
        int left = 0;
        for (int c = 0; c < CifarFormat.CHANNELS; c++) {
            state += GAMMA;
            double base = COLOURS[label][c] + (80 * unit(mix(state)) - 40);
            for (int y = 0; y < CifarFormat.HEIGHT; y++) {
                for (int x = 0; x < CifarFormat.WIDTH; x++) {
                    if (left == 0) {
                        state += GAMMA;
                        bits = mix(state);
                        left = 8;
                    }
                    int noise = (int) ((bits & 0xFF) * 97 >>> 8) - 48;
                    bits >>>= 8;
                    left--;
                    long v = Math.round(base + stripes[alongX ? x : y] + noise);
                    record[pos++] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
    }

    /**
     * @param batches a batches folder written by {@link #write}
     * @return file name to hex SHA-256 of each batch file and the meta file, in official order
     * @throws IOException on read errors
     */
    public static Map<String, String> sha256(Path batches) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String name : CifarFormat.BATCH_FILES) {
            sums.put(name, sha256(Files.readAllBytes(batches.resolve(name))));
        }
        sums.put(CifarFormat.META_FILE, sha256(Files.readAllBytes(batches.resolve(CifarFormat.META_FILE))));
        return sums;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the top 53 bits as a double in [0, 1) */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
