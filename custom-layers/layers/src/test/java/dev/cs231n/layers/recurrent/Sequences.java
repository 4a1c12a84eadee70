package dev.cs231n.layers.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between the fixtures' {@code [N, T, E]} sequences and DL4J's layouts. */
final class Sequences {

    private Sequences() {
    }

    /**
     * @param ntc a fixture sequence {@code [N, T, E]}
     * @return the same values as DL4J's default NCW {@code [N, E, T]}, 'c' order
     */
    static INDArray toNcw(INDArray ntc) {
        return ntc.permute(0, 2, 1).dup('c');
    }

    /**
     * @param ncw a DL4J NCW sequence {@code [N, E, T]}
     * @return the fixtures' {@code [N, T, E]}
     */
    static INDArray toNtc(INDArray ncw) {
        return ncw.permute(0, 2, 1).dup('c');
    }

    /**
     * @param tokens {@code [N, T]} integer token indices
     * @param v      the vocabulary size
     * @param dtype  data type of the result
     * @return one-hot labels in NCW {@code [N, V, T]}
     */
    static INDArray oneHotNcw(INDArray tokens, int v, DataType dtype) {
        long n = tokens.size(0);
        long t = tokens.size(1);
        INDArray out = Nd4j.zeros(dtype, n, v, t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                out.putScalar(new long[] {i, tokens.getLong(i, j), j}, 1.0);
            }
        }
        return out;
    }
}
