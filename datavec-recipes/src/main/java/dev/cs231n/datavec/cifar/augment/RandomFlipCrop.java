package dev.cs231n.datavec.cifar.augment;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-time augmentation of NCHW image batches {@code [N, C, H, W]}: each image is flipped left-right with
 * probability 1/2 and then cropped back to {@code H x W} at a random offset from a copy zero-padded by
 * {@code pad} pixels on each side (the usual CIFAR-10 augmentation; pad 0 means flips only).
 *
 * <p>Deterministic: the choices of epoch {@code e} come from {@code seed} and {@code e} alone
 * ({@link #setEpoch(int)}), so that a resumed run augments its remaining epochs as an uninterrupted run would.
 * Apply it after normalisation (the padding is then the mean colour). Never use it on validation or test data.
 */
public final class RandomFlipCrop implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final int pad;
    private final long seed;
    private transient SplittableRandom rnd;

    /**
     * @param pad  zero padding for the random crop, 0 for flips only
     * @param seed seed of every choice
     */
    public RandomFlipCrop(int pad, long seed) {
        if (pad < 0) {
            throw new IllegalArgumentException("pad must be >= 0, got " + pad);
        }
        this.pad = pad;
        this.seed = seed;
        setEpoch(0);
    }

    /** @param epoch the epoch whose choices come next */
    public void setEpoch(int epoch) {
        this.rnd = new SplittableRandom(seed * 1_000_003L + epoch);
    }

    @Override
    public void preProcess(DataSet ds) {
        ds.setFeatures(augment(ds.getFeatures()));
    }

    /**
     * @param x {@code [N, C, H, W]}
     * @return a new array of the same shape with each image flipped and/or shifted
     */
    public INDArray augment(INDArray x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("RandomFlipCrop needs NCHW [N, C, H, W] features, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] src = x.dup('c').data().asDouble();
        double[] dst = new double[src.length];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            boolean flip = rnd.nextBoolean();
            int dy = pad == 0 ? 0 : rnd.nextInt(2 * pad + 1) - pad;
            int dx = pad == 0 ? 0 : rnd.nextInt(2 * pad + 1) - pad;
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * plane;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    for (int xx = 0; xx < w; xx++) {
                        int sx = xx + dx;
                        if (sx >= 0 && sx < w) {
                            // crop of the flipped image: flipped[sy][sx] = image[sy][w - 1 - sx]
                            dst[base + y * w + xx] = src[base + sy * w + (flip ? w - 1 - sx : sx)];
                        }
                    }
                }
            }
        }
        return Nd4j.createFromArray(dst).reshape('c', x.shape()).castTo(x.dataType());
    }
}
