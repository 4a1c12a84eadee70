package dev.cs231n.datavec.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cs231n.datavec.cifar.datavec.CifarRecordReader;
import dev.cs231n.datavec.fetch.DataDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks against the real CIFAR-10 release in {@code $CS231N_DATA/cifar-10-batches-bin} (skipped when
 * {@code CS231N_DATA} is unset). Reads only; never downloads.
 */
class CifarRealDataTest {

    private static Path batches;
    private static CifarDataset train;
    private static CifarDataset test;

    @BeforeAll
    static void load() throws IOException {
        String root = System.getenv(DataDirs.ENV);
        if (root == null || root.isBlank()) {
            return;
        }
        batches = Paths.get(root).resolve(CifarFormat.DIRECTORY_NAME);
        train = CifarDataset.loadTrain(batches);
        test = CifarDataset.loadTest(batches);
    }

    @BeforeEach
    void requireRealData() {
        assumeTrue(batches != null, "CS231N_DATA is not set: skipping the real CIFAR-10 checks "
                + "(set it to the folder holding cifar-10-batches-bin/)");
    }

    @Test
    void sizesAndClassBalance() {
        assertEquals(50_000, train.size());
        assertEquals(10_000, test.size());
        int[] trainCounts = train.classCounts();
        int[] testCounts = test.classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(5_000, trainCounts[k], "train class " + k);
            assertEquals(1_000, testCounts[k], "test class " + k);
        }
    }

    @Test
    void trainingChannelStatistics() {
        ChannelStatistics stats = CifarStatistics.channels(train);
        assertArrayEquals(new double[] {125.307, 122.950, 113.865}, stats.mean(), 0.01);
        assertArrayEquals(new double[] {62.99, 62.09, 66.70}, stats.std(), 0.01);
    }

    @Test
    void firstTestImageIsACat() throws IOException {
        assertEquals(3, test.label(0));
        assertEquals("cat", CifarClasses.readFromDirectory(batches).get(test.label(0)));
        assertEquals(CifarClasses.NAMES, CifarClasses.readFromDirectory(batches));
    }

    @Test
    void courseSplitsAndRecordReaderAgree() throws Exception {
        CifarSplits splits = CifarSplits.course(train, test);
        assertEquals(49_000, splits.train().size());
        assertArrayEquals(train.imageBytes(49_000), splits.val().imageBytes(0));
        assertEquals(1_000, splits.test().size());

        CifarRecordReader reader = new CifarRecordReader();
        reader.initialize(CifarRecordReader.testSplit(batches));
        List<Writable> first = reader.next();
        INDArray image = ((NDArrayWritable) first.get(0)).get();
        assertEquals(3, first.get(1).toInt());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y += 5) {
                assertEquals(test.pixel(0, c, y, 31 - y), image.getInt(0, c, y, 31 - y));
            }
        }
    }
}
