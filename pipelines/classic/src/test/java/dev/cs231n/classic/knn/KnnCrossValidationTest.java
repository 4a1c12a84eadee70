package dev.cs231n.classic.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class KnnCrossValidationTest {

    @Test
    void foldsFollowNumpyArraySplit() {
        // np.array_split(np.arange(10), 3) -> sizes 4, 3, 3; np.array_split(np.arange(5000), 5) -> 1000 each
        Folds f = new Folds(10, 3);
        assertArrayEquals(new int[] {0, 4, 7, 10}, new int[] {f.start(0), f.start(1), f.start(2), f.end(2)});
        Folds g = new Folds(5000, 5);
        assertEquals(2000, g.start(2));
        assertEquals(3000, g.end(2));
        assertThrows(IllegalArgumentException.class, () -> new Folds(3, 4));
    }

    @Test
    void meanStdAndBestKWithTiesToTheSmallerK() {
        CrossValidation cv = new CrossValidation(new int[] {5, 1, 3},
                new double[][] {{0.25, 0.75}, {0.5, 0.5}, {0.25, 0.25}});
        assertEquals(0.5, cv.mean(0), 0.0);
        assertEquals(0.25, cv.std(0), 1e-15);
        assertEquals(0.0, cv.std(1), 0.0);
        assertEquals(0.25, cv.mean(2), 0.0);
        assertEquals(1, cv.bestK(), "k=5 and k=1 both average 0.5: the smaller k");
        assertEquals(3, new CrossValidation(new int[] {5, 3}, new double[][] {{0.1}, {0.2}}).bestK());
    }

    @Test
    void eachFoldEqualsAClassifierTrainedOnTheOtherFolds() {
        INDArray x = TestArrays.gaussian(23, 53, 6);
        int[] y = new int[53];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) Math.floor(Math.abs(x.getDouble(i, 0)) * 2) % 3;
        }
        int[] ks = {1, 3, 7};
        List<String> log = new ArrayList<>();
        CrossValidation cv = KnnCrossValidation.run(x, y, 3, DistanceMetric.L2, 4, ks, log::add);
        assertEquals(4, log.size());
        Folds folds = new Folds(53, 4);
        for (int f = 0; f < 4; f++) {
            int from = folds.start(f);
            int to = folds.end(f);
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < 53; i++) {
                if (i < from || i >= to) {
                    rest.add(i);
                }
            }
            int[] restIdx = rest.stream().mapToInt(Integer::intValue).toArray();
            INDArray xRest = x.getRows(restIdx);
            int[] yRest = Arrays.stream(restIdx).map(i -> y[i]).toArray();
            KNearestNeighbor knn = new KNearestNeighbor(xRest, yRest, 3, DistanceMetric.L2);
            INDArray xVal = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            for (int i = 0; i < ks.length; i++) {
                double expected = Labels.accuracy(knn.predict(xVal, ks[i]), Arrays.copyOfRange(y, from, to));
                assertEquals(expected, cv.accuracy()[i][f], 0.0, "fold " + f + " k " + ks[i]);
            }
        }
    }
}
