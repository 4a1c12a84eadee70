package dev.cs231n.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FixtureTest {

    @Test
    void loadsArraysWithShapeDtypeAndRowMajorData() {
        Fixture f = Fixture.load("affine_relu");
        INDArray x = f.input("x");
        assertArrayEquals(new long[] {3, 2, 3}, x.shape());
        assertEquals(DataType.DOUBLE, x.dataType());
        assertArrayEquals(new long[] {3, 5}, f.output("out").shape());
        assertEquals(f.keys("grads"), java.util.List.of("x", "w", "b"));
    }

    @Test
    void readsScalarAndIntegerData() {
        Fixture bn = Fixture.load("batchnorm");
        assertEquals(1e-5, bn.param("eps"), 1e-20);
        Fixture knn = Fixture.load("knn_small");
        INDArray y = knn.input("y_train");
        assertEquals(DataType.LONG, y.dataType());
        assertEquals("train", bn.paramString("mode"));
    }

    @Test
    void readsWhichGradientsAreZeroInExactArithmetic() {
        Fixture mha = Fixture.load("mha_self_causal");
        assertTrue(mha.structurallyZero("bk"));
        assertTrue(!mha.structurallyZero("Wk") && !mha.structurallyZero("x") && !mha.structurallyZero("nope"));
    }

    @Test
    void missingFixtureOrKeyFailsWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixture.load("nope"));
        assertTrue(e.getMessage().contains("/fixtures/nope.json"), e.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> Fixture.load("affine_relu").input("zz"));
        assertTrue(k.getMessage().contains("inputs.zz") && k.getMessage().contains("[dout, x, w, b]"),
                k.getMessage());
    }
}
