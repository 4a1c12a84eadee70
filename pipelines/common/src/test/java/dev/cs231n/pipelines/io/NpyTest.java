package dev.cs231n.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    @Test
    void roundTripsFloatAndDoubleArraysOfEveryRankExactly() throws IOException {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long[] shape : new long[][] {{7}, {3, 4}, {2, 3, 4}}) {
                INDArray a = Nd4j.rand(t, shape).subi(0.5);
                INDArray back = Npy.fromBytes(Npy.toBytes(a), "test");
                assertEquals(t, back.dataType());
                assertArrayEquals(shape, back.shape());
                assertEquals(a, back);
            }
        }
        INDArray view = Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(3, 4).transpose();
        assertEquals(view, Npy.fromBytes(Npy.toBytes(view), "transposed view"));
    }

    @Test
    void writesNumpysVersionOneLayout() {
        byte[] b = Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 2, 3));
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64, "data starts 64-byte aligned");
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLen + 6 * 4, b.length);
        String vector = new String(Npy.toBytes(Nd4j.zeros(DataType.DOUBLE, 5)), StandardCharsets.US_ASCII);
        assertTrue(vector.contains("'<f8'") && vector.contains("'shape': (5,)"), vector);
    }

    @Test
    void damagedBytesFailWithTheirPlace() {
        byte[] good = Npy.toBytes(Nd4j.ones(DataType.FLOAT, 4, 4));
        IOException e = assertThrows(IOException.class,
                () -> Npy.fromBytes(Arrays.copyOf(good, good.length - 3), "ckpt.zip: entry params/W1.npy"));
        assertTrue(e.getMessage().startsWith("ckpt.zip: entry params/W1.npy") && e.getMessage().contains("truncated"),
                e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.fromBytes("hello world".getBytes(StandardCharsets.US_ASCII),
                "x.npy"));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        byte[] ints = good.clone();
        String h = new String(ints, 0, ints.length, StandardCharsets.ISO_8859_1).replace("'<f4'", "'<i4'");
        e = assertThrows(IOException.class, () -> Npy.fromBytes(h.getBytes(StandardCharsets.ISO_8859_1), "i.npy"));
        assertTrue(e.getMessage().contains("only little-endian float32/float64"), e.getMessage());
    }
}
