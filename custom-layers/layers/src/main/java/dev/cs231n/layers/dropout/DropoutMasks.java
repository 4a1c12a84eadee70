package dev.cs231n.layers.dropout;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted-dropout masks as a pure function of a seed: {@code mask = bernoulli(p) / p}, drawn from a private ND4J
 * generator reseeded for every mask, so the JVM's global RNG is neither used nor disturbed. Public for the other
 * layers that drop out inside their graph (attention weights, transformer sublayers); not thread-safe.
 */
public final class DropoutMasks {

    private Random rng;

    /**
     * Mixes the identifiers of one mask into a seed (SplitMix64 finalisation of each part in turn).
     *
     * @param parts network seed, layer index, iteration, epoch, ...
     * @return a well-spread 64-bit seed
     */
    public static long seed(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = mix(h ^ p) + 0x9E3779B97F4A7C15L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param shape the input's shape
     * @param type  the input's data type
     * @param p     the keep probability
     * @param seed  from {@link #seed}
     * @return entries {@code 1/p} with probability {@code p}, else 0 (in the current workspace, if any)
     */
    public INDArray mask(long[] shape, DataType type, double p, long seed) {
        if (rng == null) {
            rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        }
        rng.setSeed(seed);
        INDArray mask = Nd4j.createUninitialized(type, shape);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, p), rng);
        return mask.muli(1.0 / p);
    }
}
