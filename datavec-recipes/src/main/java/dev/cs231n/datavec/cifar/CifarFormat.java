package dev.cs231n.datavec.cifar;

import java.util.List;

/**
 * Constants of the official CIFAR-10 binary release ({@code cifar-10-binary.tar.gz}).
 *
 * <p>A batch file is a sequence of {@value #RECORD_BYTES}-byte records: one label byte (a class index
 * 0..9), then {@value #IMAGE_BYTES} pixel bytes (uint8): the {@value #PIXELS_PER_CHANNEL} red values,
 * then the green ones, then the blue ones, each plane a 32x32 image stored row-major. The pixel bytes of
 * one record are therefore an image in CHW order: byte {@code c*1024 + y*32 + x} is channel {@code c}
 * (0 = R, 1 = G, 2 = B) at row {@code y}, column {@code x}. Each official file holds
 * {@value #RECORDS_PER_FILE} records.
 */
public final class CifarFormat {

    /** Image height in pixels. */
    public static final int HEIGHT = 32;
    /** Image width in pixels. */
    public static final int WIDTH = 32;
    /** Colour channels, in file order R, G, B. */
    public static final int CHANNELS = 3;
    /** Pixels in one channel plane (32 x 32). */
    public static final int PIXELS_PER_CHANNEL = HEIGHT * WIDTH;
    /** Pixel bytes of one image (3 x 32 x 32). */
    public static final int IMAGE_BYTES = CHANNELS * PIXELS_PER_CHANNEL;
    /** Bytes of one record: the label byte, then the image. */
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    /** Records in each official batch file. */
    public static final int RECORDS_PER_FILE = 10_000;
    /** Number of classes; labels are 0..9. */
    public static final int NUM_CLASSES = 10;

    /** Name of the folder the archive extracts to, and that a data directory holds. */
    public static final String DIRECTORY_NAME = "cifar-10-batches-bin";
    /** The five training batches, in the order that defines training indices 0..49,999. */
    public static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch (test indices 0..9,999). */
    public static final String TEST_FILE = "test_batch.bin";
    /** The class-name file: one name per line, in label order. */
    public static final String META_FILE = "batches.meta.txt";
    /** The six batch files a complete {@value #DIRECTORY_NAME} folder holds. */
    public static final List<String> BATCH_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
            TEST_FILE);

    private CifarFormat() {
    }
}
