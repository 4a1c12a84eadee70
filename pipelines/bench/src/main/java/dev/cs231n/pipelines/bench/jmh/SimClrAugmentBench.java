package dev.cs231n.pipelines.bench.jmh;

import java.util.SplittableRandom;

import dev.cs231n.datavec.cifar.augment.SimClrViews;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SimCLR's augmentation ({@link SimClrViews#course()}) of 128 images into their two views on one thread: what the
 * pair iterator's background thread does for one minibatch of {@code simclr-pretrain} (without the final copy into
 * an INDArray).
 */
@State(Scope.Benchmark)
public class SimClrAugmentBench {

    private static final int PAIRS = 128;

    private final SimClrViews views = SimClrViews.course();
    private byte[] images;
    private float[] out;
    private float[] work;
    private long round;

    /** 128 random images. */
    @Setup
    public void setUp() {
        images = new byte[PAIRS * 3072];
        new SplittableRandom(1).nextBytes(images);
        out = new float[2 * PAIRS * 3072];
        work = new float[2 * 3072];
    }

    /** @return a value of the output, so that nothing is optimised away */
    @Benchmark
    public float pairs128() {
        SplittableRandom r = new SplittableRandom(round++);
        for (int k = 0; k < PAIRS; k++) {
            views.apply(views.sample(r), images, k * 3072, out, k * 3072, work);
            views.apply(views.sample(r), images, k * 3072, out, (PAIRS + k) * 3072, work);
        }
        return out[out.length - 1];
    }
}
