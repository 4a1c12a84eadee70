package dev.cs231n.classic;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic float64 test arrays: the course's {@code np.random.randn} and {@code np.linspace}. */
public final class Arrays64 {

    private Arrays64() {
    }

    /**
     * @param rng   the generator
     * @param shape the shape
     * @return standard normal values, DOUBLE, 'c' order
     */
    public static INDArray randn(Random rng, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c').castTo(DataType.DOUBLE);
    }

    /**
     * @param from  first value
     * @param to    last value
     * @param shape the shape the values fill in row-major order
     * @return {@code np.linspace(from, to, num=prod(shape)).reshape(shape)}
     */
    public static INDArray linspace(double from, double to, long... shape) {
        return Nd4j.create(linspaceValues(from, to, prod(shape)), shape, 'c').castTo(DataType.DOUBLE);
    }

    /**
     * @param from first value
     * @param to   last value
     * @param n    count
     * @return {@code np.linspace(from, to, num=n)}
     */
    public static double[] linspaceValues(double from, double to, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
        }
        return v;
    }

    /**
     * @param rng     the generator
     * @param n       count
     * @param classes number of classes
     * @return n labels uniform in {@code 0 .. classes-1}
     */
    public static int[] labels(Random rng, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return y;
    }

    private static int prod(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return (int) n;
    }
}
