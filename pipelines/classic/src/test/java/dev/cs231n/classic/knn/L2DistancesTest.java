package dev.cs231n.classic.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.classic.TestArrays;
import dev.cs231n.testing.Fixture;
import dev.cs231n.testing.NdAssert;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class L2DistancesTest {

    @Test
    void matchesTheCourseFixture() {
        Fixture f = Fixture.load("knn_small");
        INDArray d = L2Distances.compute(f.input("X_test"), f.input("X_train"));
        NdAssert.assertClose("dists", f.output("dists"), d, 1e-12);
    }

    @Test
    void theThreeFormsAgreeInFloat64() {
        INDArray test = TestArrays.gaussian(11, 23, 97).muli(40);
        INDArray train = TestArrays.gaussian(12, 61, 97).muli(40);
        INDArray noLoop = L2Distances.compute(test, train);
        INDArray twoLoops = DistanceOracles.l2TwoLoops(test, train);
        INDArray oneLoop = DistanceOracles.l2OneLoop(test, train);
        assertArrayEquals(new long[] {23, 61}, noLoop.shape());
        assertTrue(DistanceOracles.frobenius(twoLoops, oneLoop) < 1e-6);
        assertTrue(DistanceOracles.frobenius(twoLoops, noLoop) < 1e-6,
                "no-loop vs two-loop: " + DistanceOracles.frobenius(twoLoops, noLoop));
        assertTrue(DistanceOracles.frobenius(oneLoop, noLoop) < 1e-6);
    }

    @Test
    void pixelValuesGiveExactDistancesAndIdenticalRowsGiveZeroNotNaN() {
        INDArray train = Transforms.floor(TestArrays.gaussian(3, 40, 3072).muli(60).addi(128), false);
        Transforms.min(Transforms.max(train, 0.0, false), 255.0, false);
        INDArray test = train.get(NDArrayIndex.interval(5, 15), NDArrayIndex.all()).dup();
        INDArray d = L2Distances.compute(test, train);
        INDArray squared = d.mul(d);
        INDArray oracle = DistanceOracles.l2TwoLoops(test, train);
        NdAssert.assertCloseAbs("squared distances of integer pixels are exact", oracle.mul(oracle), squared, 1e-6);
        for (int i = 0; i < 10; i++) {
            assertEquals(0.0, d.getDouble(i, i + 5), 0.0, "row " + i + " against itself");
        }
        assertFalse(d.isNaN().any());
    }

    @Test
    void float32GivesFloat32AndAgreesWithFloat64() {
        INDArray test = TestArrays.gaussian(5, 8, 300);
        INDArray train = TestArrays.gaussian(6, 12, 300);
        INDArray d32 = L2Distances.compute(test.castTo(DataType.FLOAT), train.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, d32.dataType());
        NdAssert.assertClose("float32", L2Distances.compute(test, train), d32, 1e-5);
    }

    @Test
    void mismatchedShapesOrTypesAreRejected() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> L2Distances.compute(a, Nd4j.zeros(DataType.DOUBLE, 2, 4)));
        assertThrows(IllegalArgumentException.class, () -> L2Distances.compute(a, Nd4j.zeros(DataType.FLOAT, 2, 3)));
    }
}
