package dev.cs231n.datavec.coco;

import dev.cs231n.datavec.cifar.Shuffles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Captioning minibatches for DL4J: each {@link MultiDataSet} holds
 * <ul>
 *   <li>features 0, the image input: {@code [B, D]} feature rows or {@code [B, 3, H, W]} pixels (as the
 *       {@link ImageInput} gives them);</li>
 *   <li>features 1, the input tokens {@code caption[:-1]}: {@code [B, 1, T-1]} FLOAT token ids, the NCW index
 *       input of {@code EmbeddingSequenceLayer} (input length {@code T-1});</li>
 *   <li>labels 0, the target tokens {@code caption[1:]}: {@code [B, 1, T-1]} token ids ({@link Targets#INDEX},
 *       for a sparse softmax cross-entropy) or {@code [B, V, T-1]} one-hot ({@link Targets#ONE_HOT}, for
 *       {@code RnnOutputLayer} with {@code MCXENT});</li>
 *   <li>labels mask 0: {@code [B, T-1]}, 0 where the target is {@code <NULL>}, else 1 (the course's mask);
 *       no features masks (the course runs every step and masks only the loss).</li>
 * </ul>
 * Order: the examples' order, or a seeded shuffle per epoch ({@link Shuffles}: epoch {@code e} uses
 * {@code Shuffles.epochSeed(seed, e)}; {@link #reset()} starts the next epoch). The last batch may be smaller.
 *
 * <p>An image input that fails (an image that does not decode, a missing feature row) stops iteration with an
 * {@link UncheckedIOException} whose cause, a {@link CocoFormatException}, names the file and the image; with
 * {@code skipBad} the example is left out of its batch and counted in {@link #skipped()}.
 */
public final class CaptionDataSetIterator implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    /** Label layout. */
    public enum Targets {
        /** {@code [B, 1, T-1]} token ids. */
        INDEX,
        /** {@code [B, V, T-1]} one-hot over the vocabulary. */
        ONE_HOT
    }

    private final List<CaptionExample> examples;
    private final ImageInput images;
    private final int batchSize;
    private final Long seed;
    private final Targets targets;
    private final int vocabularySize;
    private final boolean skipBad;
    private final int tokens;
    private final SkipReport skipped = new SkipReport();
    private MultiDataSetPreProcessor preProcessor;
    private int[] order;
    private int epoch;
    private int cursor;

    /**
     * @param examples       the examples (all captions of one length T)
     * @param images         the image input
     * @param batchSize      examples per batch
     * @param seed           shuffle seed, or null for the examples' order
     * @param targets        label layout
     * @param vocabularySize V (for {@link Targets#ONE_HOT}; token ids must be below it)
     * @param skipBad        skip and count examples whose image input fails
     */
    public CaptionDataSetIterator(List<CaptionExample> examples, ImageInput images, int batchSize, Long seed,
                                  Targets targets, int vocabularySize, boolean skipBad) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no captioning examples");
        }
        this.examples = List.copyOf(examples);
        this.tokens = examples.get(0).tokens().length;
        for (int i = 0; i < examples.size(); i++) {
            int[] t = examples.get(i).tokens();
            if (t.length != tokens) {
                throw new IllegalArgumentException("example " + i + " has " + t.length + " tokens, example 0 has "
                        + tokens);
            }
            for (int id : t) {
                if (id < 0 || id >= vocabularySize) {
                    throw new IllegalArgumentException("example " + i + " holds token id " + id
                            + ", outside the vocabulary of " + vocabularySize);
                }
            }
        }
        this.images = images;
        this.batchSize = batchSize;
        this.seed = seed;
        this.targets = targets;
        this.vocabularySize = vocabularySize;
        this.skipBad = skipBad;
        this.epoch = 0;
        startEpoch();
    }

    private void startEpoch() {
        int n = examples.size();
        if (seed == null) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        } else {
            order = Shuffles.permutation(n, Shuffles.epochSeed(seed, epoch));
        }
        cursor = 0;
    }

    /** @return the skipped examples (only with {@code skipBad}) */
    public SkipReport skipped() {
        return skipped;
    }

    /** @return the number of examples */
    public int numExamples() {
        return examples.size();
    }

    /** @return the current epoch, from 0 */
    public int epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public MultiDataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over: call reset()");
        }
        List<CaptionExample> batch = new ArrayList<>(num);
        List<INDArray> pixels = new ArrayList<>(num);
        while (batch.size() < num && cursor < order.length) {
            CaptionExample ex = examples.get(order[cursor++]);
            try {
                pixels.add(images.load(ex.imageKey()));
                batch.add(ex);
            } catch (IOException e) {
                if (!skipBad) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
                skipped.add(images.failureReason(e), e.getMessage());
            }
        }
        if (batch.isEmpty()) {
            throw new NoSuchElementException("every remaining example of epoch " + epoch + " was skipped: " + skipped);
        }
        int b = batch.size();
        int steps = tokens - 1;
        INDArray image = Nd4j.concat(0, pixels.toArray(new INDArray[0])).castTo(DataType.FLOAT);
        float[] in = new float[b * steps];
        float[] mask = new float[b * steps];
        INDArray labels;
        float[] targetIds = new float[b * steps];
        for (int i = 0; i < b; i++) {
            int[] t = batch.get(i).tokens();
            for (int s = 0; s < steps; s++) {
                in[i * steps + s] = t[s];
                targetIds[i * steps + s] = t[s + 1];
                mask[i * steps + s] = t[s + 1] == 0 ? 0f : 1f;
            }
        }
        if (targets == Targets.INDEX) {
            labels = Nd4j.create(targetIds, new long[] {b, 1, steps}, 'c');
        } else {
            labels = Nd4j.zeros(DataType.FLOAT, b, vocabularySize, steps);
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < steps; s++) {
                    labels.putScalar(new long[] {i, (long) targetIds[i * steps + s], s}, 1f);
                }
            }
        }
        MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {image, Nd4j.create(in, new long[] {b, 1, steps}, 'c')},
                new INDArray[] {labels},
                null,
                new INDArray[] {Nd4j.create(mask, new long[] {b, steps}, 'c')});
        if (preProcessor != null) {
            preProcessor.preProcess(mds);
        }
        return mds;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts the next epoch (with its own shuffle when seeded). */
    @Override
    public void reset() {
        epoch++;
        startEpoch();
    }
}
