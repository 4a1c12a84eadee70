package dev.cs231n.datavec.cifar;

import java.util.Random;

/**
 * Deterministic permutations from a seed. Uses {@link java.util.Random}, whose algorithm the JDK specifies,
 * so a seed gives the same order on every JVM and release.
 */
public final class Shuffles {

    private Shuffles() {
    }

    /**
     * A Fisher-Yates permutation of {@code 0 .. n-1}.
     *
     * @param n    length
     * @param seed seed
     * @return a new array holding each of {@code 0 .. n-1} once
     */
    public static int[] permutation(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The seed of epoch {@code epoch}'s shuffle, derived from a base seed so that different epochs differ
     * and the sequence is fixed by the base seed.
     *
     * @param seed  base seed
     * @param epoch epoch number, from 0
     * @return the epoch's seed
     */
    public static long epochSeed(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
