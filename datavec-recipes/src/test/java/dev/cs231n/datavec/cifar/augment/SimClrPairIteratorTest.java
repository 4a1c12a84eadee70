package dev.cs231n.datavec.cifar.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.cs231n.datavec.cifar.CifarDataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link SimClrPairIterator}: layout, determinism, epochs, prefetching, and its rendering rate. */
class SimClrPairIteratorTest {

    static CifarDataset images(int n, long seed) {
        byte[] img = new byte[n * 3072];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(SimClrViewsTest.image(seed + i), 0, img, i * 3072, 3072);
            labels[i] = (byte) (i % 10);
        }
        return CifarDataset.of(img, labels);
    }

    private static List<INDArray> epoch(SimClrPairIterator it) {
        List<INDArray> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next().getFeatures());
        }
        return out;
    }

    @Test
    void minibatchesHoldViewOneThenViewTwoOfTheSameImages() {
        CifarDataset data = images(10, 1);
        try (SimClrPairIterator it = new SimClrPairIterator(data, 4, SimClrViews.course(), 7, 2)) {
            assertEquals(2, it.batchesPerEpoch(), "10 images in minibatches of 4 pairs: the incomplete one is dropped");
            DataSet ds = it.next();
            assertArrayEquals(new long[] {8, 3, 32, 32}, ds.getFeatures().shape());
            assertEquals(DataType.FLOAT, ds.getFeatures().dataType());
            assertArrayEquals(new long[] {8, 1}, ds.getLabels().shape());
            assertEquals(0.0, ds.getLabels().sumNumber().doubleValue());
            // rows k and k + 4 are the two views of the image drawn from imageRandom(seed, epoch, index)
            int[] order = dev.cs231n.datavec.cifar.Shuffles.permutation(10,
                    dev.cs231n.datavec.cifar.Shuffles.epochSeed(7, 0));
            SimClrViews v = SimClrViews.course();
            for (int k = 0; k < 4; k++) {
                float[] a = new float[3072];
                float[] b = new float[3072];
                SplittableRandom r = SimClrPairIterator.imageRandom(7, 0, order[k]);
                v.pair(data.imageBytes(order[k]), 0, r, a, 0, b, 0);
                assertArrayEquals(a, ds.getFeatures().get(NDArrayIndex.point(k)).dup().data().asFloat());
                assertArrayEquals(b, ds.getFeatures().get(NDArrayIndex.point(4 + k)).dup().data().asFloat());
                assertNotEquals(ds.getFeatures().get(NDArrayIndex.point(k)),
                        ds.getFeatures().get(NDArrayIndex.point(4 + k)), "the two views differ");
            }
        }
    }

    @Test
    void sameSeedAndEpochGiveTheSameDataWithOrWithoutPrefetch() {
        CifarDataset data = images(24, 2);
        try (SimClrPairIterator a = new SimClrPairIterator(data, 4, SimClrViews.course(), 11, 3);
                SimClrPairIterator b = new SimClrPairIterator(data, 4, SimClrViews.course(), 11, 0)) {
            a.setEpoch(3);
            b.setEpoch(3);
            List<INDArray> ea = epoch(a);
            assertEquals(ea, epoch(b));
            a.reset();
            assertEquals(ea, epoch(a), "reset repeats the epoch");
            a.setEpoch(4);
            List<INDArray> next = epoch(a);
            assertEquals(6, next.size());
            assertNotEquals(ea, next, "another epoch, another order and other views");
        }
        try (SimClrPairIterator c = new SimClrPairIterator(data, 4, SimClrViews.course(), 12, 2)) {
            c.setEpoch(3);
            assertFalse(epoch(c).get(0).equals(null));
        }
    }

    @Test
    void resumingAtAnEpochSeesWhatAnUninterruptedRunSees() {
        CifarDataset data = images(12, 3);
        try (SimClrPairIterator run = new SimClrPairIterator(data, 3, SimClrViews.course(), 5, 2);
                SimClrPairIterator resumed = new SimClrPairIterator(data, 3, SimClrViews.course(), 5, 2)) {
            epoch(run);
            run.setEpoch(1);
            List<INDArray> second = epoch(run);
            resumed.setEpoch(1);
            assertEquals(second, epoch(resumed));
        }
    }

    @Test
    void rejectsMinibatchesWithoutNegatives() {
        CifarDataset data = images(4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimClrPairIterator(data, 1, SimClrViews.course(), 1, 1));
        assertTrue(e.getMessage().contains("between 2 and 4"), e.getMessage());
    }

    /** Prints the rendering rate (pairs/s on one thread); a timing, not a pass/fail criterion beyond being positive. */
    @Test
    void rendersPairsAtAMeasuredRate() {
        CifarDataset data = images(512, 5);
        try (SimClrPairIterator it = new SimClrPairIterator(data, 128, SimClrViews.course(), 1, 0)) {
            epoch(it);
            it.setEpoch(1);
            long t0 = System.nanoTime();
            epoch(it);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("SimCLR views: %.0f pairs/s on one thread (512 pairs in %.3f s)%n", 512 / s, s);
            assertTrue(s > 0);
        }
    }
}
