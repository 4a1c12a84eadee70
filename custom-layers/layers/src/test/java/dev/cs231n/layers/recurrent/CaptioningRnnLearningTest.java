package dev.cs231n.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The course's overfitting sanity check: the captioning RNN learns a handful of synthetic (feature, caption) pairs
 * until the loss is below 0.1. The time is printed, not asserted.
 */
class CaptioningRnnLearningTest {

    @Test
    void overfitsAFewCaptions() {
        Nd4j.getRandom().setSeed(123);
        int n = 8;
        int t = 9; // captions of T + 1 = 10 tokens
        int v = 20;
        INDArray features = Nd4j.randn(DataType.FLOAT, n, 16);
        INDArray captions = Nd4j.zeros(DataType.INT64, n, t + 1);
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            int len = 4 + r.nextInt(t - 3); // real words, then <END>, then <NULL> padding
            captions.putScalar(i, 0, 1); // <START>
            for (int j = 1; j <= len && j < t; j++) {
                captions.putScalar(i, j, 3 + r.nextInt(v - 3));
            }
            captions.putScalar(i, Math.min(len + 1, t), 2); // <END>
        }
        MultiDataSet ds = CaptioningRnn.trainingData(features, captions, v, DataType.FLOAT);
        ComputationGraph g = new ComputationGraph(CaptioningRnn.configuration(16, 12, 24, v, new Adam(2e-2),
                DataType.FLOAT, 7));
        g.init();
        long start = System.nanoTime();
        double loss = g.score(ds);
        int steps = 0;
        while (loss >= 0.1 && steps < 500) {
            g.fit(ds);
            steps++;
            loss = g.score(ds);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("captioning RNN overfit: loss %.4f after %d Adam steps in %.1f s (%.0f ms/step)%n", loss,
                steps, seconds, 1000 * seconds / Math.max(1, steps));
        assertTrue(loss < 0.1, "loss " + loss + " after " + steps + " steps");
    }
}
