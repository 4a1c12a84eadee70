package dev.cs231n.classic.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.TestArrays;
import dev.cs231n.classic.layers.DataLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Minibatch SGD and the grid search on a small separable problem (3 Gaussian blobs). */
class SgdTrainerTest {

    private static final int N = 300;
    private static final int C = 3;

    private final int[] y = TestArrays.ints(4, N, C);
    private final INDArray x = blobs(y);

    @Test
    void lossFallsAndTheBlobsAreLearnt() {
        for (DataLoss loss : DataLoss.values()) {
            LinearClassifier c = LinearClassifier.initialised(loss, 5, C, DataType.FLOAT, 7);
            List<String> log = new ArrayList<>();
            double[] h = SgdTrainer.train(c, x, y,
                    new SgdSettings(0.1, 1e-3, 100, 32, 9), 25, log::add);
            assertEquals(100, h.length);
            assertEquals(4, log.size(), log.toString());
            assertTrue(h[99] < 0.5 * h[0], loss.id() + ": loss " + h[0] + " -> " + h[99]);
            assertTrue(Labels.accuracy(c.predict(x), y) > 0.95, loss.id());
        }
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        INDArray w1 = trained(11);
        assertEquals(w1, trained(11));
        assertFalse(w1.equalsWithEps(trained(12), 1e-6));
    }

    @Test
    void initialWeightsAreSmallGaussians() {
        INDArray w = LinearClassifier.initialised(DataLoss.SOFTMAX, 3073, 10, DataType.DOUBLE, 1).weights();
        assertArrayEquals(new long[] {3073, 10}, w.shape());
        assertEquals(0.0, w.meanNumber().doubleValue(), 3e-5);
        assertEquals(0.001, w.stdNumber().doubleValue(), 3e-5);
    }

    @Test
    void gridSearchPicksTheBestValidationSettingAndKeepsGridOrder() {
        INDArray xVal = x.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all());
        int[] yVal = Arrays.copyOf(y, 100);
        LinearGrid grid = new LinearGrid(new double[] {1e-6, 0.1}, new double[] {0.0, 1e-3}, 40, 32, 3);
        List<GridResult> results = LinearGridSearch.run(DataLoss.SOFTMAX, grid, x, y, xVal, yVal, C, s -> { });
        assertEquals(4, results.size());
        assertEquals(1e-6, results.get(1).settings().learningRate());
        assertEquals(1e-3, results.get(1).settings().reg());
        GridResult best = LinearGridSearch.best(results);
        assertEquals(0.1, best.settings().learningRate(), "the tiny learning rate barely moves the weights");
        assertTrue(best.valAccuracy() > 0.9);
        assertThrows(IllegalArgumentException.class, () -> LinearGridSearch.best(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LinearGrid(new double[0], new double[] {1}, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SgdSettings(0.1, -1, 10, 10, 1));
    }

    private INDArray trained(long seed) {
        LinearClassifier c = LinearClassifier.initialised(DataLoss.SVM, 5, C, DataType.FLOAT, seed);
        SgdTrainer.train(c, x, y, new SgdSettings(0.01, 1e-3, 20, 16, seed), 0,
                s -> { });
        return c.weights();
    }

    /** Four features around a per-class centre, plus the bias column; FLOAT. */
    private static INDArray blobs(int[] y) {
        INDArray noise = TestArrays.gaussian(5, y.length, 4).muli(0.3);
        double[][] centres = {{2, 0, 0, 1}, {0, 2, 0, -1}, {0, 0, 2, 0}};
        for (int i = 0; i < y.length; i++) {
            noise.getRow(i).addi(Nd4j.createFromArray(centres[y[i]]));
        }
        return Nd4j.hstack(noise, Nd4j.ones(DataType.DOUBLE, y.length, 1)).castTo(DataType.FLOAT);
    }
}
