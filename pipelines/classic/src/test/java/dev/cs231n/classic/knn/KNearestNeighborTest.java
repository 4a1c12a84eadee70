package dev.cs231n.classic.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import dev.cs231n.testing.Fixture;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KNearestNeighborTest {

    @Test
    void predictsTheFixtureLabelsForKOneAndThree() {
        Fixture f = Fixture.load("knn_small");
        int classes = (int) f.param("num_classes");
        KNearestNeighbor knn = new KNearestNeighbor(f.input("X_train"), f.input("y_train").toIntVector(), classes,
                DistanceMetric.L2);
        assertArrayEquals(f.output("y_pred_k1").toIntVector(), knn.predict(f.input("X_test"), 1));
        assertArrayEquals(f.output("y_pred_k3").toIntVector(), knn.predict(f.input("X_test"), 3));
    }

    @Test
    void aTieBetweenLabelsGoesToTheSmallestLabel() {
        // one test point at 0; neighbours at distances 1, 2, 3, 4 with labels 2, 1, 1, 2: k=4 ties 2 votes each
        INDArray train = Nd4j.createFromArray(new double[][] {{1}, {2}, {3}, {4}});
        KNearestNeighbor knn = new KNearestNeighbor(train, new int[] {2, 1, 1, 2}, 3, DistanceMetric.L2);
        INDArray test = Nd4j.createFromArray(new double[][] {{0}});
        assertArrayEquals(new int[] {1}, knn.predict(test, 4));
        assertArrayEquals(new int[] {2}, knn.predict(test, 1));
        assertArrayEquals(new int[] {1}, knn.predict(test, 2), "1 vote each for 2 and 1: the smaller label");
    }

    @Test
    void equalDistancesRankTheLowerTrainingIndexFirst() {
        // training rows 0..5 at distances 5, 1, 1, 3, 1, 3 from the test point
        INDArray d = Nd4j.createFromArray(new double[][] {{5, 1, 1, 3, 1, 3}});
        assertArrayEquals(new int[] {1, 2, 4, 3, 5}, NeighbourRanking.rank(d, 5)[0]);
        assertArrayEquals(new int[] {1, 2}, NeighbourRanking.rank(d, 2)[0]);
        // k=1 with labels differing between the tied rows 1, 2, 4: row 1's label wins
        KNearestNeighbor knn = new KNearestNeighbor(Nd4j.zeros(DataType.DOUBLE, 6, 1), new int[] {0, 2, 0, 0, 1, 0},
                3, DistanceMetric.L2);
        assertArrayEquals(new int[] {2}, knn.vote(NeighbourRanking.rank(d, 1), 1));
    }

    @Test
    void rankingMatchesAFullStableSortOnRandomTies() {
        Random r = new Random(9);
        double[][] rows = new double[30][200];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextInt(20);
            }
        }
        int[][] ranked = NeighbourRanking.rank(Nd4j.createFromArray(rows), 50);
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            Integer[] all = new Integer[row.length];
            for (int j = 0; j < all.length; j++) {
                all[j] = j;
            }
            Arrays.sort(all, (a, b) -> a.equals(b) ? 0
                    : row[a] != row[b] ? Double.compare(row[a], row[b]) : Integer.compare(a, b));
            for (int k = 0; k < 50; k++) {
                assertEquals((int) all[k], ranked[i][k], "row " + i + " rank " + k);
            }
        }
    }

    @Test
    void badInputsFailWithAMessage() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        assertThrows(IllegalArgumentException.class, () -> new KNearestNeighbor(x, new int[] {0, 1}, 2,
                DistanceMetric.L2));
        assertThrows(IllegalArgumentException.class, () -> new KNearestNeighbor(x, new int[] {0, 1, 5}, 2,
                DistanceMetric.L2));
        KNearestNeighbor knn = new KNearestNeighbor(x, new int[] {0, 1, 1}, 2, DistanceMetric.L2);
        assertThrows(IllegalArgumentException.class, () -> knn.predict(Nd4j.zeros(DataType.DOUBLE, 1, 2), 4));
    }
}
