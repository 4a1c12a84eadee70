package dev.cs231n.layers.norm.fast;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct access to the off-heap elements of a FLOAT or DOUBLE array in row-major ('c') order, in tiles of
 * {@code double}: {@link #get} copies elements into a {@code double[]}, {@link #put} writes them back (FLOAT arrays
 * are widened on the way in and rounded on the way out). The copies are bulk NIO transfers; the arithmetic on the
 * tiles runs on the Java heap, where the JIT vectorises it. Disjoint ranges may be read and written from several
 * threads at once (absolute NIO transfers do not move the buffer's position).
 */
abstract class RawArray {

    /** Elements moved per bulk transfer of a FLOAT array (the widening scratch of each thread). */
    private static final int CHUNK = 4096;

    private static final ThreadLocal<float[]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

    /**
     * @param a an array for which {@link #isDirect} holds
     * @return access to its elements
     */
    static RawArray of(INDArray a) {
        if (a.dataType() == DataType.FLOAT) {
            return new Floats(a.data().asNioFloat());
        }
        return new Doubles(a.data().asNioDouble());
    }

    /**
     * @param a an array
     * @return whether its elements are exactly its buffer's first {@code length()} elements in row-major order, in
     *         FLOAT or DOUBLE, few enough for NIO's int indices: the arrays {@link #of} can read and write
     */
    static boolean isDirect(INDArray a) {
        DataType t = a.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && !a.isEmpty() && a.offset() == 0
                && a.length() <= Integer.MAX_VALUE / 8 && a.data().length() >= a.length() && a.isR()
                && (a.rank() <= 1 || a.ordering() == 'c') && isCContiguous(a);
    }

    private static boolean isCContiguous(INDArray a) {
        long expected = 1;
        long[] shape = a.shape();
        long[] stride = a.stride();
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * Copies {@code n} elements starting at element {@code from} into {@code dst[at..at+n)}.
     *
     * @param from the first element's row-major index
     * @param dst  the destination
     * @param at   where in {@code dst}
     * @param n    how many elements
     */
    abstract void get(long from, double[] dst, int at, int n);

    /**
     * Writes {@code src[at..at+n)} to the {@code n} elements starting at element {@code to}.
     *
     * @param to  the first element's row-major index
     * @param src the values
     * @param at  where in {@code src}
     * @param n   how many elements
     */
    abstract void put(long to, double[] src, int at, int n);

    /**
     * Copies {@code n} elements of a FLOAT array, unconverted, into {@code dst[at..at+n)} (the FLOAT kernels'
     * access: JDK 17's compiler does not vectorise the float-to-double widening of {@link #get}).
     *
     * @param from the first element's row-major index
     * @param dst  the destination
     * @param at   where in {@code dst}
     * @param n    how many elements
     * @throws IllegalStateException for a DOUBLE array
     */
    void getFloats(long from, float[] dst, int at, int n) {
        throw new IllegalStateException("float access to a DOUBLE array");
    }

    /**
     * Writes {@code src[at..at+n)} unconverted to the {@code n} elements of a FLOAT array starting at {@code to}.
     *
     * @param to  the first element's row-major index
     * @param src the values
     * @param at  where in {@code src}
     * @param n   how many elements
     * @throws IllegalStateException for a DOUBLE array
     */
    void putFloats(long to, float[] src, int at, int n) {
        throw new IllegalStateException("float access to a DOUBLE array");
    }

    private static final class Floats extends RawArray {
        private final FloatBuffer buf;

        Floats(FloatBuffer buf) {
            this.buf = buf;
        }

        @Override
        void get(long from, double[] dst, int at, int n) {
            float[] s = FLOAT_SCRATCH.get();
            for (int done = 0; done < n; done += CHUNK) {
                int m = Math.min(CHUNK, n - done);
                buf.get((int) from + done, s, 0, m);
                int o = at + done;
                for (int i = 0; i < m; i++) {
                    dst[o + i] = s[i];
                }
            }
        }

        @Override
        void getFloats(long from, float[] dst, int at, int n) {
            buf.get((int) from, dst, at, n);
        }

        @Override
        void putFloats(long to, float[] src, int at, int n) {
            buf.put((int) to, src, at, n);
        }

        @Override
        void put(long to, double[] src, int at, int n) {
            float[] s = FLOAT_SCRATCH.get();
            for (int done = 0; done < n; done += CHUNK) {
                int m = Math.min(CHUNK, n - done);
                int o = at + done;
                for (int i = 0; i < m; i++) {
                    s[i] = (float) src[o + i];
                }
                buf.put((int) to + done, s, 0, m);
            }
        }
    }

    private static final class Doubles extends RawArray {
        private final DoubleBuffer buf;

        Doubles(DoubleBuffer buf) {
            this.buf = buf;
        }

        @Override
        void get(long from, double[] dst, int at, int n) {
            buf.get((int) from, dst, at, n);
        }

        @Override
        void put(long to, double[] src, int at, int n) {
            buf.put((int) to, src, at, n);
        }
    }
}
