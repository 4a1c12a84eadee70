package dev.cs231n.datavec.cifar.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RandomFlipCropTest {

    /** x[n, c, y, x] = 1000 n + 100 c + 10 y + x: every value says where it came from. */
    private static INDArray coded(int n) {
        INDArray a = Nd4j.create(DataType.FLOAT, n, 2, 5, 6);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 6; x++) {
                        a.putScalar(new long[] {i, c, y, x}, 1000 * i + 100 * c + 10 * y + x + 1);
                    }
                }
            }
        }
        return a;
    }

    @Test
    void flipsOnlyWithoutPaddingAndKeepsChannelsAndRows() {
        INDArray x = coded(40);
        INDArray out = new RandomFlipCrop(0, 1).augment(x);
        int flipped = 0;
        for (int i = 0; i < 40; i++) {
            INDArray img = x.get(NDArrayIndex.point(i));
            INDArray got = out.get(NDArrayIndex.point(i));
            if (!got.equals(img)) {
                flipped++;
                for (int xx = 0; xx < 6; xx++) {
                    assertEquals(img.getDouble(1, 3, 5 - xx), got.getDouble(1, 3, xx), 0.0);
                }
            }
        }
        assertTrue(flipped > 5 && flipped < 35, "about half flipped: " + flipped);
    }

    @Test
    void cropsShiftWithZeroFillAndKeepValuesFromTheSameImage() {
        INDArray x = coded(30);
        INDArray out = new RandomFlipCrop(2, 7).augment(x);
        int zeros = 0;
        for (int i = 0; i < 30; i++) {
            for (double v : out.get(NDArrayIndex.point(i)).ravel().toDoubleVector()) {
                if (v == 0) {
                    zeros++;
                } else {
                    assertEquals(i, (int) ((v - 1) / 1000), "value from another image");
                }
            }
        }
        assertTrue(zeros > 0, "some crops are shifted");
    }

    @Test
    void choicesDependOnSeedAndEpochOnly() {
        INDArray x = coded(20);
        RandomFlipCrop a = new RandomFlipCrop(2, 3);
        RandomFlipCrop b = new RandomFlipCrop(2, 3);
        a.setEpoch(4);
        b.setEpoch(4);
        assertEquals(a.augment(x), b.augment(x));
        b.setEpoch(5);
        assertNotEquals(a.augment(x), b.augment(x));
    }

    @Test
    void rejectsFlatFeatures() {
        assertThrows(IllegalArgumentException.class, () -> new RandomFlipCrop(1, 1).augment(Nd4j.ones(3, 4)));
    }
}
