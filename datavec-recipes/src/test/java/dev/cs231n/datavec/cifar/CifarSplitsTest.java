package dev.cs231n.datavec.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CifarSplitsTest {

    private static CifarDataset train;
    private static CifarDataset test;

    /** Images whose first three bytes spell their index, so a split's images can be traced back. */
    @BeforeAll
    static void indexedDatasets() {
        train = indexed(50_000);
        test = indexed(10_000);
    }

    private static CifarDataset indexed(int n) {
        byte[] images = new byte[n * CifarFormat.IMAGE_BYTES];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            images[i * CifarFormat.IMAGE_BYTES] = (byte) i;
            images[i * CifarFormat.IMAGE_BYTES + 1] = (byte) (i >> 8);
            images[i * CifarFormat.IMAGE_BYTES + 2] = (byte) (i >> 16);
            labels[i] = (byte) (i % 10);
        }
        return CifarDataset.of(images, labels);
    }

    private static int originalIndex(CifarDataset data, int i) {
        return data.pixel(i, 0, 0, 0) | data.pixel(i, 0, 0, 1) << 8 | data.pixel(i, 0, 0, 2) << 16;
    }

    @Test
    void courseSplitsHaveTheCourseSizesAndIndices() {
        CifarSplits splits = CifarSplits.course(train, test);
        assertEquals(49_000, splits.train().size());
        assertEquals(1_000, splits.val().size());
        assertEquals(1_000, splits.test().size());
        assertEquals(10_000, splits.testFull().size());
        assertEquals(0, originalIndex(splits.train(), 0));
        assertEquals(48_999, originalIndex(splits.train(), 48_999));
        for (int k = 0; k < 1_000; k++) {
            assertEquals(49_000 + k, originalIndex(splits.val(), k));
            assertEquals(k, originalIndex(splits.test(), k));
        }
        assertEquals(9_999, originalIndex(splits.testFull(), 9_999));
        assertEquals((49_000 + 7) % 10, splits.val().label(7));
    }

    @Test
    void courseSplitsNeedTheFullTrainingSet() {
        assertThrows(IllegalArgumentException.class, () -> CifarSplits.course(train.range(0, 49_999), test));
    }

    @Test
    void trainPrefixKeepsValidationAndTest() {
        CifarSplits small = CifarSplits.course(train, test).withTrainPrefix(1_000);
        assertEquals(1_000, small.train().size());
        assertEquals(999, originalIndex(small.train(), 999));
        assertEquals(49_000, originalIndex(small.val(), 0));
        assertEquals(1_000, small.test().size());
        assertEquals(10_000, small.testFull().size());
        assertThrows(IllegalArgumentException.class, () -> small.withTrainPrefix(1_001));
    }

    @Test
    void fullSplitsUseEverything() {
        CifarSplits splits = CifarSplits.full(train, test);
        assertEquals(50_000, splits.train().size());
        assertEquals(0, splits.val().size());
        assertEquals(10_000, splits.test().size());
    }

    @Test
    void generalSplitsAndDevSubset() {
        CifarSplits splits = CifarSplits.of(train, test, 100, 20, 5);
        assertEquals(100, splits.train().size());
        assertEquals(100, originalIndex(splits.val(), 0));
        assertEquals(119, originalIndex(splits.val(), 19));
        assertEquals(5, splits.test().size());
        CifarDataset dev = splits.dev(10);
        assertEquals(10, dev.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, originalIndex(dev, i));
        }
        assertThrows(IllegalArgumentException.class, () -> CifarSplits.of(train, test, 49_990, 11, 0));
        assertThrows(IllegalArgumentException.class, () -> CifarSplits.of(train, test, 10, 10, 10_001));
        assertThrows(IndexOutOfBoundsException.class, () -> splits.dev(101));
    }

    @Test
    void seededSampleIsDeterministicDistinctSortedAndFromTheTrainingSplitOnly() {
        CifarSplits splits = CifarSplits.course(train, test);
        CifarDataset a = splits.sample(500, 42);
        CifarDataset b = splits.sample(500, 42);
        CifarDataset c = splits.sample(500, 43);
        int[] ia = indices(a);
        assertArrayEquals(ia, indices(b));
        assertFalse(Arrays.equals(ia, indices(c)));
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < ia.length; k++) {
            assertTrue(ia[k] < 49_000, "sample took a validation image " + ia[k]);
            assertTrue(seen.add(ia[k]), "repeat " + ia[k]);
            if (k > 0) {
                assertTrue(ia[k] > ia[k - 1]);
            }
        }
    }

    private static int[] indices(CifarDataset data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = originalIndex(data, i);
        }
        return out;
    }
}
