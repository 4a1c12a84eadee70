package dev.cs231n.datavec.cifar.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.datavec.cifar.CifarBatchReader;
import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.testing.SyntheticCifar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

class CifarDataSetIteratorTest {

    @TempDir
    static Path dir;

    private static CifarDataset data;

    @BeforeAll
    static void load() throws IOException {
        SyntheticCifar.writeBatches(dir, 6, 2);
        data = CifarDataset.loadTrain(dir, CifarBatchReader.ANY_LENGTH);
    }

    /** Recovers image ids from a batch: the synthetic pixel (c=0, y=0, x=0) is (31 id + 13 (id >> 8)) mod 256. */
    private static int[] ids(DataSet ds) {
        int n = ds.numExamples();
        int[] out = new int[n];
        INDArray x = ds.getFeatures();
        for (int i = 0; i < n; i++) {
            int v = x.rank() == 4 ? x.getInt(i, 0, 0, 0) : x.getInt(i, 0);
            int id = -1;
            for (int cand = 0; cand < data.size(); cand++) {
                if (SyntheticCifar.pixel(cand, 0, 0, 0) == v) {
                    id = cand;
                }
            }
            out[i] = id;
        }
        return out;
    }

    private static List<Integer> epoch(CifarDataSetIterator it) {
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            for (int id : ids(it.next())) {
                order.add(id);
            }
        }
        return order;
    }

    @Test
    void batchesHaveTheDocumentedShapesTypesAndValues() {
        CifarDataSetIterator it = CifarDataSetIterator.builder(data).batchSize(7).build();
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next());
        }
        assertEquals(5, batches.size());
        assertArrayEquals(new long[] {7, 3, 32, 32}, batches.get(0).getFeatures().shape());
        assertArrayEquals(new long[] {2, 3, 32, 32}, batches.get(4).getFeatures().shape());
        assertArrayEquals(new long[] {7, 10}, batches.get(0).getLabels().shape());
        assertEquals(DataType.FLOAT, batches.get(0).getFeatures().dataType());
        assertEquals(DataType.FLOAT, batches.get(0).getLabels().dataType());
        DataSet second = batches.get(1);
        for (int i = 0; i < 7; i++) {
            int id = 7 + i;
            assertEquals(SyntheticCifar.pixel(id, 2, 17, 29), second.getFeatures().getInt(i, 2, 17, 29));
            assertEquals(1.0, second.getLabels().getDouble(i, SyntheticCifar.label(id)));
            assertEquals(1.0, second.getLabels().getRow(i).sumNumber().doubleValue());
        }
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(CifarClasses.NAMES, it.getLabels());
        assertEquals(3072, it.inputColumns());
        assertEquals(10, it.totalOutcomes());
        assertEquals(7, it.batch());
        assertTrue(it.resetSupported());
    }

    @Test
    void flatAndDoubleOnRequest() {
        CifarDataSetIterator it = CifarDataSetIterator.builder(data).batchSize(4).layout(FeatureLayout.FLAT)
                .dataType(DataType.DOUBLE).build();
        DataSet ds = it.next();
        assertArrayEquals(new long[] {4, 3072}, ds.getFeatures().shape());
        assertEquals(DataType.DOUBLE, ds.getFeatures().dataType());
        assertEquals(DataType.DOUBLE, ds.getLabels().dataType());
        assertEquals(SyntheticCifar.pixel(3, 1, 2, 3), ds.getFeatures().getInt(3, 1024 + 2 * 32 + 3));
        DataSet two = it.next(2);
        assertEquals(2, two.numExamples());
        assertArrayEquals(new int[] {4, 5}, ids(two));
        assertThrows(IllegalArgumentException.class, () -> CifarDataSetIterator.builder(data).dataType(DataType.FLOAT16));
    }

    @Test
    void unshuffledOrderIsImageOrderEveryEpoch() {
        CifarDataSetIterator it = CifarDataSetIterator.builder(data).batchSize(8).build();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            expected.add(i);
        }
        assertEquals(expected, epoch(it));
        it.reset();
        assertEquals(expected, epoch(it));
    }

    @Test
    void seededShuffleIsDeterministicPerEpochAndCoversEveryImage() {
        CifarDataSetIterator a = CifarDataSetIterator.builder(data).batchSize(8).shuffle(123).build();
        CifarDataSetIterator b = CifarDataSetIterator.builder(data).batchSize(8).shuffle(123).build();
        CifarDataSetIterator other = CifarDataSetIterator.builder(data).batchSize(8).shuffle(124).build();
        a.reset();
        List<List<Integer>> epochsA = new ArrayList<>();
        List<List<Integer>> epochsB = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            epochsA.add(epoch(a));
            epochsB.add(epoch(b));
            a.reset();
            b.reset();
        }
        assertEquals(epochsA, epochsB);
        assertEquals(3, a.getEpoch());
        assertNotEquals(epochsA.get(0), epochsA.get(1));
        assertNotEquals(epochsA.get(0), epoch(other));
        for (List<Integer> order : epochsA) {
            Integer[] sorted = order.toArray(new Integer[0]);
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i]);
            }
        }
        CifarDataSetIterator jump = CifarDataSetIterator.builder(data).batchSize(5).shuffle(123).build();
        jump.setEpoch(2);
        assertEquals(epochsA.get(2), epoch(jump));
    }

    @Test
    void preProcessorIsAppliedToEveryBatch() {
        DataSetPreProcessor halve = ds -> ds.getFeatures().divi(2);
        CifarDataSetIterator it = CifarDataSetIterator.builder(data).batchSize(10).preProcessor(halve).build();
        assertSame(halve, it.getPreProcessor());
        DataSet ds = it.next();
        assertEquals(SyntheticCifar.pixel(9, 1, 1, 1) / 2.0, ds.getFeatures().getDouble(9, 1, 1, 1), 1e-6);
        it.setPreProcessor(null);
        assertEquals(SyntheticCifar.pixel(10, 1, 1, 1), it.next().getFeatures().getDouble(0, 1, 1, 1));
    }

    @Test
    void asyncPrefetchGivesTheSameBatches() {
        CifarDataSetIterator plain = CifarDataSetIterator.builder(data).batchSize(4).shuffle(9).build();
        List<DataSet> expected = new ArrayList<>();
        while (plain.hasNext()) {
            expected.add(plain.next());
        }
        CifarDataSetIterator inner = CifarDataSetIterator.builder(data).batchSize(4).shuffle(9).build();
        AsyncDataSetIterator async = new AsyncDataSetIterator(inner, 3, true);
        try {
            int k = 0;
            while (async.hasNext()) {
                DataSet ds = async.next();
                assertNotNull(ds);
                assertEquals(expected.get(k).getFeatures(), ds.getFeatures(), "batch " + k);
                assertEquals(expected.get(k).getLabels(), ds.getLabels(), "batch " + k);
                k++;
            }
            assertEquals(expected.size(), k);
        } finally {
            async.shutdown();
        }
        assertFalse(inner.hasNext());
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> CifarDataSetIterator.builder(null));
        assertThrows(IllegalArgumentException.class, () -> CifarDataSetIterator.builder(data).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> CifarDataSetIterator.builder(data).labelNames(List.of("a")));
        CifarDataSetIterator it = CifarDataSetIterator.builder(data).build();
        assertThrows(IllegalArgumentException.class, () -> it.next(0));
        assertThrows(IllegalArgumentException.class, () -> it.setEpoch(-1));
    }
}
