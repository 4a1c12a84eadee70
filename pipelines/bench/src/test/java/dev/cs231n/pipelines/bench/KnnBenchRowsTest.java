package dev.cs231n.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cs231n.pipelines.bench.jmh.KnnBench;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The kNN bench rows: mapped to the PyTorch baseline lines, counting the GEMM's flops, measuring the right thing. */
class KnnBenchRowsTest {

    @Test
    void rowsAreRegisteredWithTheirBaselineLinesAndFlops() {
        for (String dt : new String[] {"fp32", "fp64"}) {
            BenchRow row = BenchRows.byName("knn_500x5000x3072_" + dt).orElseThrow();
            assertEquals("KnnBench." + dt, row.benchmark());
            assertEquals("flop", row.item());
            assertEquals(2.0 * 500 * 5000 * 3072, row.itemsPerOp());
            assertEquals("(e) kNN L2 dists no-loop 500x5000x3072 " + (dt.equals("fp32") ? "float32" : "float64"),
                    row.torchLabel());
        }
    }

    @Test
    void oneCallIsTheWholeDistanceMatrixInEachType() {
        KnnBench b = new KnnBench();
        b.setUp();
        INDArray d32 = b.fp32();
        INDArray d64 = b.fp64();
        assertArrayEquals(new long[] {500, 5000}, d32.shape());
        assertEquals(DataType.FLOAT, d32.dataType());
        assertEquals(DataType.DOUBLE, d64.dataType());
        // N(0,1) rows of 3072: distances concentrate around sqrt(2 * 3072) = 78.4
        assertEquals(Math.sqrt(2 * 3072), d64.meanNumber().doubleValue(), 1.0);
        assertEquals(d64.getDouble(7, 4321), d32.getDouble(7, 4321), 1e-3);
    }
}
