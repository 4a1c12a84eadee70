package dev.cs231n.datavec.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable in-memory CIFAR-10 dataset: {@code size()} images of 3x32x32 uint8 pixels and their labels
 * 0..9, in file order.
 *
 * <p>Storage is the official raw record layout ({@value CifarFormat#RECORD_BYTES} bytes per image: label,
 * then R, G, B planes, each 32x32 row-major), read with one bulk read per file, so loading the 50,000
 * training images costs little more than reading 154 MB. Pixel accessors return unsigned values 0..255;
 * {@link #imageBytes(int)} gives an image's 3072 bytes in CHW order ({@code c*1024 + y*32 + x}).
 * {@link #range(int, int)} is a view that shares storage; {@link #select(int[])} copies.
 * Conversion to ND4J arrays is in {@link CifarTensors}; statistics in {@link CifarStatistics}.
 */
public final class CifarDataset {

    private final byte[] records;
    private final int first;
    private final int size;

    private CifarDataset(byte[] records, int first, int size) {
        this.records = records;
        this.first = first;
        this.size = size;
    }

    /**
     * Loads the 50,000 official training images: {@code data_batch_1.bin} .. {@code data_batch_5.bin}, in
     * that order, each required to hold 10,000 records.
     *
     * @param batchesDir a {@code cifar-10-batches-bin} folder
     * @return the training set
     * @throws IOException naming the file (and record, offset) that is missing or malformed
     */
    public static CifarDataset loadTrain(Path batchesDir) throws IOException {
        return load(batchesDir, CifarFormat.TRAIN_FILES, CifarBatchReader.OFFICIAL);
    }

    /**
     * Loads the training batches with a given reader (e.g. {@link CifarBatchReader#ANY_LENGTH} for
     * synthetic or reduced files).
     *
     * @param batchesDir a {@code cifar-10-batches-bin} folder
     * @param reader     the batch reader and its record-count expectation
     * @return the training set, batches 1..5 in order
     * @throws IOException naming the file (and record, offset) that is missing or malformed
     */
    public static CifarDataset loadTrain(Path batchesDir, CifarBatchReader reader) throws IOException {
        return load(batchesDir, CifarFormat.TRAIN_FILES, reader);
    }

    /**
     * Loads the 10,000 official test images ({@code test_batch.bin}).
     *
     * @param batchesDir a {@code cifar-10-batches-bin} folder
     * @return the test set
     * @throws IOException naming the file (and record, offset) that is missing or malformed
     */
    public static CifarDataset loadTest(Path batchesDir) throws IOException {
        return load(batchesDir, List.of(CifarFormat.TEST_FILE), CifarBatchReader.OFFICIAL);
    }

    /**
     * Loads the test batch with a given reader.
     *
     * @param batchesDir a {@code cifar-10-batches-bin} folder
     * @param reader     the batch reader and its record-count expectation
     * @return the test set
     * @throws IOException naming the file (and record, offset) that is missing or malformed
     */
    public static CifarDataset loadTest(Path batchesDir, CifarBatchReader reader) throws IOException {
        return load(batchesDir, List.of(CifarFormat.TEST_FILE), reader);
    }

    /**
     * Loads batch files of a folder, concatenated in the given order. Every file is checked for presence
     * and size before any is read; nothing is returned unless all of them are valid.
     *
     * @param batchesDir the folder
     * @param fileNames  batch file names inside it, in order
     * @param reader     the batch reader
     * @return the images of all files
     * @throws NoSuchFileException  if the folder or a file is missing
     * @throws CifarFormatException if the folder holds none of the files, or a file is malformed
     * @throws IOException          on other read errors
     */
    public static CifarDataset load(Path batchesDir, List<String> fileNames, CifarBatchReader reader)
            throws IOException {
        if (!Files.isDirectory(batchesDir)) {
            throw new NoSuchFileException(batchesDir.toString(), null,
                    "CIFAR-10 batches directory not found (expected a folder holding " + fileNames + ")");
        }
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : fileNames) {
            Path file = batchesDir.resolve(name);
            files.add(file);
            if (!Files.exists(file)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty() && missing.size() == fileNames.size()) {
            throw new CifarFormatException(batchesDir, "directory holds none of the CIFAR-10 batch files "
                    + fileNames + " (an empty or wrong directory; it should be the official "
                    + CifarFormat.DIRECTORY_NAME + " folder)");
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(batchesDir.resolve(missing.get(0)).toString(), null,
                    "CIFAR-10 batch file not found (missing from " + batchesDir + ": " + missing + ")");
        }
        int[] counts = new int[files.size()];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            counts[f] = reader.countRecords(files.get(f));
            total += counts[f];
        }
        if (total * CifarFormat.RECORD_BYTES > Integer.MAX_VALUE - 8) {
            throw new CifarFormatException(batchesDir, "the files " + fileNames + " hold " + total
                    + " records, too many for one in-memory dataset");
        }
        byte[] raw = new byte[(int) total * CifarFormat.RECORD_BYTES];
        int offset = 0;
        for (int f = 0; f < files.size(); f++) {
            reader.readInto(files.get(f), raw, offset, counts[f]);
            offset += counts[f] * CifarFormat.RECORD_BYTES;
        }
        return new CifarDataset(raw, 0, (int) total);
    }

    /**
     * Builds a dataset from separate images and labels (copied).
     *
     * @param images {@code n * 3072} pixel bytes, image after image, each in CHW order
     * @param labels {@code n} labels 0..9
     * @return the dataset
     * @throws IllegalArgumentException if the lengths disagree or a label is out of range
     */
    public static CifarDataset of(byte[] images, byte[] labels) {
        if ((long) labels.length * CifarFormat.IMAGE_BYTES != images.length) {
            throw new IllegalArgumentException("images has " + images.length + " bytes, expected labels.length * "
                    + CifarFormat.IMAGE_BYTES + " = " + (long) labels.length * CifarFormat.IMAGE_BYTES);
        }
        byte[] raw = new byte[labels.length * CifarFormat.RECORD_BYTES];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= CifarFormat.NUM_CLASSES) {
                throw new IllegalArgumentException("label " + label + " of image " + i + " is not a class index 0..9");
            }
            raw[i * CifarFormat.RECORD_BYTES] = labels[i];
            System.arraycopy(images, i * CifarFormat.IMAGE_BYTES, raw, i * CifarFormat.RECORD_BYTES + 1,
                    CifarFormat.IMAGE_BYTES);
        }
        return new CifarDataset(raw, 0, labels.length);
    }

    /** @return the number of images */
    public int size() {
        return size;
    }

    /**
     * @param i image index, 0 .. size()-1
     * @return its label, 0..9
     */
    public int label(int i) {
        return records[offset(i)] & 0xFF;
    }

    /** @return all labels, in order (a new array) */
    public int[] labels() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = records[(first + i) * CifarFormat.RECORD_BYTES] & 0xFF;
        }
        return out;
    }

    /** @return the number of images of each class: 10 counts, index = label */
    public int[] classCounts() {
        int[] counts = new int[CifarFormat.NUM_CLASSES];
        for (int i = 0; i < size; i++) {
            counts[records[(first + i) * CifarFormat.RECORD_BYTES] & 0xFF]++;
        }
        return counts;
    }

    /**
     * @param i image index
     * @return a copy of the image's 3072 pixel bytes (uint8) in CHW order: {@code c*1024 + y*32 + x}
     */
    public byte[] imageBytes(int i) {
        byte[] out = new byte[CifarFormat.IMAGE_BYTES];
        System.arraycopy(records, offset(i) + 1, out, 0, CifarFormat.IMAGE_BYTES);
        return out;
    }

    /**
     * @param i image index
     * @param c channel: 0 = R, 1 = G, 2 = B
     * @param y row, 0..31 (top to bottom)
     * @param x column, 0..31 (left to right)
     * @return the pixel value, 0..255
     */
    public int pixel(int i, int c, int y, int x) {
        Objects.checkIndex(c, CifarFormat.CHANNELS);
        Objects.checkIndex(y, CifarFormat.HEIGHT);
        Objects.checkIndex(x, CifarFormat.WIDTH);
        return records[offset(i) + 1 + c * CifarFormat.PIXELS_PER_CHANNEL + y * CifarFormat.WIDTH + x] & 0xFF;
    }

    /**
     * An image as packed RGB ints for {@code BufferedImage.setRGB(0, 0, 32, 32, argb, 0, 32)} (sample grids).
     *
     * @param i image index
     * @return 1024 values {@code 0xFFRRGGBB}, row-major
     */
    public int[] argb(int i) {
        int base = offset(i) + 1;
        int[] out = new int[CifarFormat.PIXELS_PER_CHANNEL];
        for (int p = 0; p < out.length; p++) {
            int r = records[base + p] & 0xFF;
            int g = records[base + CifarFormat.PIXELS_PER_CHANNEL + p] & 0xFF;
            int b = records[base + 2 * CifarFormat.PIXELS_PER_CHANNEL + p] & 0xFF;
            out[p] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
        return out;
    }

    /**
     * Writes image {@code i}'s 3072 pixel values (0..255, CHW order) as floats.
     *
     * @param i      image index
     * @param dst    destination
     * @param offset where the first value goes
     */
    public void copyPixels(int i, float[] dst, int offset) {
        int base = offset(i) + 1;
        Objects.checkFromIndexSize(offset, CifarFormat.IMAGE_BYTES, dst.length);
        for (int j = 0; j < CifarFormat.IMAGE_BYTES; j++) {
            dst[offset + j] = records[base + j] & 0xFF;
        }
    }

    /**
     * Writes image {@code i}'s 3072 pixel values (0..255, CHW order) as doubles.
     *
     * @param i      image index
     * @param dst    destination
     * @param offset where the first value goes
     */
    public void copyPixels(int i, double[] dst, int offset) {
        int base = offset(i) + 1;
        Objects.checkFromIndexSize(offset, CifarFormat.IMAGE_BYTES, dst.length);
        for (int j = 0; j < CifarFormat.IMAGE_BYTES; j++) {
            dst[offset + j] = records[base + j] & 0xFF;
        }
    }

    /**
     * Writes image {@code i}'s 3072 pixel bytes (CHW order) into {@code dst}.
     *
     * @param i      image index
     * @param dst    destination
     * @param offset where the first byte goes
     */
    public void copyImageBytes(int i, byte[] dst, int offset) {
        Objects.checkFromIndexSize(offset, CifarFormat.IMAGE_BYTES, dst.length);
        System.arraycopy(records, offset(i) + 1, dst, offset, CifarFormat.IMAGE_BYTES);
    }

    /**
     * The images {@code from} (inclusive) to {@code to} (exclusive), as a view sharing this dataset's storage.
     *
     * @param from first index
     * @param to   end index, exclusive
     * @return the view; its index 0 is this dataset's {@code from}
     */
    public CifarDataset range(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new CifarDataset(records, first + from, to - from);
    }

    /**
     * The images at the given indices, in that order (copied; repeats allowed).
     *
     * @param indices image indices
     * @return a new dataset of {@code indices.length} images
     */
    public CifarDataset select(int[] indices) {
        byte[] raw = new byte[indices.length * CifarFormat.RECORD_BYTES];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(records, offset(indices[k]), raw, k * CifarFormat.RECORD_BYTES,
                    CifarFormat.RECORD_BYTES);
        }
        return new CifarDataset(raw, 0, indices.length);
    }

    /** @return the backing raw records (stride 3073); for this package's bulk readers only */
    byte[] rawRecords() {
        return records;
    }

    /**
     * @param i image index
     * @return offset of the record's label byte in {@link #rawRecords()}
     */
    int offset(int i) {
        Objects.checkIndex(i, size);
        return (first + i) * CifarFormat.RECORD_BYTES;
    }

    @Override
    public String toString() {
        return "CifarDataset[" + size + " images]";
    }
}
