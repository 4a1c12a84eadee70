package dev.cs231n.classic.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class FeatureExtractorTest {

    @Test
    void concatenatesHogThenHueForEveryImageInOrder() {
        int n = 37;
        byte[] images = new byte[n * CifarFormat.IMAGE_BYTES];
        java.util.Random rnd = new java.util.Random(3);
        rnd.nextBytes(images);
        CifarDataset data = CifarDataset.of(images, new byte[n]);
        FeatureExtractor fx = FeatureExtractor.course();
        assertEquals(154, fx.size());
        INDArray f = fx.extract(data, "test");
        assertArrayEquals(new long[] {n, 154}, f.shape());
        for (int i : new int[] {0, 17, 36}) {
            double[] expected = new double[154];
            new HogFeature().compute(data, i, expected, 0);
            new HueHistogram().compute(data, i, expected, 144);
            assertArrayEquals(expected, f.getRow(i).toDoubleVector(), 0.0, "image " + i);
        }
    }
}
