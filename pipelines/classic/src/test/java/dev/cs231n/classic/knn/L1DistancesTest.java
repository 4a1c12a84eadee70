package dev.cs231n.classic.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cs231n.classic.TestArrays;
import dev.cs231n.testing.NdAssert;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class L1DistancesTest {

    private final INDArray test = TestArrays.gaussian(18, 9, 50);
    private final INDArray train = TestArrays.gaussian(19, 23, 50);

    @Test
    void matchesTheLoopOracleForEveryChunkSize() {
        INDArray oracle = DistanceOracles.l1TwoLoops(test, train);
        for (int chunk : new int[] {1, 4, 9, 100}) {
            NdAssert.assertClose("chunk " + chunk, oracle, L1Distances.compute(test, train, chunk), 1e-12);
        }
        NdAssert.assertClose("default chunk", oracle, DistanceMetric.L1.distances(test, train), 1e-12);
    }

    @Test
    void keepsTheInputTypeAndRejectsABadChunk() {
        assertEquals(DataType.FLOAT,
                L1Distances.compute(test.castTo(DataType.FLOAT), train.castTo(DataType.FLOAT)).dataType());
        assertThrows(IllegalArgumentException.class, () -> L1Distances.compute(test, train, 0));
    }
}
