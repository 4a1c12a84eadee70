package dev.cs231n.classic.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cs231n.classic.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RowGatherTest {

    private final INDArray x = TestArrays.gaussian(31, 40, 7);
    private final int[] rows = {3, 39, 0, 3, 17};

    @Test
    void gathersTheRowsInOrderWithRepeatsInEveryType() {
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray src = x.castTo(t);
            RowGather g = new RowGather(src, rows.length);
            INDArray batch = g.gather(rows);
            assertEquals(src.getRows(rows), batch, t.toString());
            assertSame(batch, g.gather(new int[] {1, 2, 3, 4, 5}), "the buffer is reused");
            assertEquals(src.getRows(1, 2, 3, 4, 5), batch);
        }
    }

    @Test
    void aViewSourceTakesTheGeneralPath() {
        INDArray view = x.get(NDArrayIndex.interval(10, 40), NDArrayIndex.interval(1, 6));
        assertEquals(view.getRows(0, 29, 5), new RowGather(view, 3).gather(new int[] {0, 29, 5}));
    }

    @Test
    void badIndicesFail() {
        RowGather g = new RowGather(x, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> g.gather(new int[] {0, 40}));
        assertThrows(IllegalArgumentException.class, () -> g.gather(new int[] {0}));
    }
}
