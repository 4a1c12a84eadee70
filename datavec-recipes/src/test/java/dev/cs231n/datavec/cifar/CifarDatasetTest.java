package dev.cs231n.datavec.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.testing.SyntheticCifar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {

    private static final int PER_FILE = 4;

    @TempDir
    Path dir;

    @Test
    void trainIsBatchesOneToFiveInOrderWithExactPixelsAndLabels() throws IOException {
        SyntheticCifar.writeBatches(dir, PER_FILE, 3);
        CifarDataset train = CifarDataset.loadTrain(dir, CifarBatchReader.ANY_LENGTH);
        assertEquals(5 * PER_FILE, train.size());
        for (int id = 0; id < train.size(); id++) {
            assertEquals(SyntheticCifar.label(id), train.label(id));
            byte[] image = train.imageBytes(id);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int expected = SyntheticCifar.pixel(id, c, y, x);
                        assertEquals(expected, train.pixel(id, c, y, x));
                        assertEquals(expected, image[c * 1024 + y * 32 + x] & 0xFF);
                    }
                }
            }
        }
        CifarDataset test = CifarDataset.loadTest(dir, CifarBatchReader.ANY_LENGTH);
        assertEquals(3, test.size());
        assertEquals(SyntheticCifar.pixel(SyntheticCifar.TEST_ID_BASE + 2, 1, 3, 4), test.pixel(2, 1, 3, 4));
        assertEquals(SyntheticCifar.label(SyntheticCifar.TEST_ID_BASE + 2), test.label(2));
    }

    @Test
    void planesAreRedGreenBlueInThatOrder() {
        byte[] images = new byte[CifarFormat.IMAGE_BYTES];
        int y = 5;
        int x = 7;
        images[y * 32 + x] = 10;
        images[1024 + y * 32 + x] = 20;
        images[2048 + y * 32 + x] = (byte) 230;
        CifarDataset data = CifarDataset.of(images, new byte[] {4});
        assertEquals(10, data.pixel(0, 0, y, x));
        assertEquals(20, data.pixel(0, 1, y, x));
        assertEquals(230, data.pixel(0, 2, y, x));
        assertEquals(0xFF0A14E6, data.argb(0)[y * 32 + x]);
        assertEquals(0xFF000000, data.argb(0)[x * 32 + y]);
    }

    @Test
    void officialReaderRejectsShortSyntheticFilesNamingTheFile() throws IOException {
        SyntheticCifar.writeBatches(dir, PER_FILE, 3);
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> CifarDataset.loadTrain(dir));
        assertTrue(e.getMessage().contains("data_batch_1.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void emptyDirectoryIsNamed() {
        CifarFormatException e = assertThrows(CifarFormatException.class,
                () -> CifarDataset.loadTrain(dir, CifarBatchReader.ANY_LENGTH));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("holds none of the CIFAR-10 batch files"), e.getMessage());
    }

    @Test
    void missingDirectoryAndMissingFileAreNamed() throws IOException {
        Path absent = dir.resolve("absent");
        NoSuchFileException noDir = assertThrows(NoSuchFileException.class, () -> CifarDataset.loadTest(absent));
        assertTrue(noDir.getMessage().contains("absent"), noDir.getMessage());

        SyntheticCifar.writeBatches(dir, PER_FILE, 3);
        Files.delete(dir.resolve("data_batch_4.bin"));
        NoSuchFileException noFile = assertThrows(NoSuchFileException.class,
                () -> CifarDataset.loadTrain(dir, CifarBatchReader.ANY_LENGTH));
        assertTrue(noFile.getMessage().contains("data_batch_4.bin"), noFile.getMessage());
    }

    @Test
    void oneBadFileFailsTheWholeLoadNamingIt() throws IOException {
        SyntheticCifar.writeBatches(dir, PER_FILE, 3);
        byte[] raw = Files.readAllBytes(dir.resolve("data_batch_5.bin"));
        raw[2 * CifarFormat.RECORD_BYTES] = 42;
        Files.write(dir.resolve("data_batch_5.bin"), raw);
        CifarFormatException e = assertThrows(CifarFormatException.class,
                () -> CifarDataset.loadTrain(dir, CifarBatchReader.ANY_LENGTH));
        assertTrue(e.getMessage().contains("data_batch_5.bin: record 2 at byte offset 6146: label byte 42"),
                e.getMessage());

        Files.write(dir.resolve("data_batch_5.bin"), Arrays.copyOf(raw, 100));
        CifarFormatException truncated = assertThrows(CifarFormatException.class,
                () -> CifarDataset.loadTrain(dir, CifarBatchReader.ANY_LENGTH));
        assertTrue(truncated.getMessage().contains("data_batch_5.bin: record 0 at byte offset 0"),
                truncated.getMessage());
    }

    @Test
    void rangeIsAViewAndSelectCopiesInOrder() {
        CifarDataset data = CifarDataset.of(SyntheticCifar.images(12), SyntheticCifar.labels(12));
        CifarDataset view = data.range(3, 8);
        assertEquals(5, view.size());
        assertArrayEquals(data.imageBytes(3), view.imageBytes(0));
        assertEquals(data.label(7), view.label(4));
        assertThrows(IndexOutOfBoundsException.class, () -> view.label(5));
        assertThrows(IndexOutOfBoundsException.class, () -> data.range(5, 13));

        CifarDataset picked = data.select(new int[] {11, 0, 11});
        assertEquals(3, picked.size());
        assertArrayEquals(data.imageBytes(11), picked.imageBytes(0));
        assertArrayEquals(data.imageBytes(0), picked.imageBytes(1));
        assertArrayEquals(data.imageBytes(11), picked.imageBytes(2));
    }

    @Test
    void labelsAndClassCounts() {
        CifarDataset data = CifarDataset.of(SyntheticCifar.images(25), SyntheticCifar.labels(25));
        int[] counts = data.classCounts();
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 2, 2, 2, 2, 2}, counts);
        assertEquals(25, Arrays.stream(counts).sum());
        assertArrayEquals(new int[] {5, 6, 7}, Arrays.copyOfRange(data.labels(), 5, 8));
    }

    @Test
    void ofValidatesLengthsAndLabels() {
        assertThrows(IllegalArgumentException.class, () -> CifarDataset.of(new byte[3071], new byte[1]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CifarDataset.of(new byte[3072], new byte[] {10}));
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void copyPixelsWidensUnsigned() {
        CifarDataset data = CifarDataset.of(SyntheticCifar.images(2), SyntheticCifar.labels(2));
        float[] f = new float[3072 + 5];
        double[] d = new double[3072];
        data.copyPixels(1, f, 5);
        data.copyPixels(1, d, 0);
        byte[] image = data.imageBytes(1);
        for (int j = 0; j < 3072; j++) {
            assertEquals(image[j] & 0xFF, f[5 + j]);
            assertEquals(image[j] & 0xFF, d[j]);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> data.copyPixels(0, new float[3072], 1));
    }
}
