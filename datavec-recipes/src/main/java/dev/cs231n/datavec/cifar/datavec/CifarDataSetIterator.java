package dev.cs231n.datavec.cifar.datavec;

import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.Shuffles;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} over an in-memory {@link CifarDataset} (a split).
 *
 * <p>Each {@link DataSet} has features of shape {@code [B, 3, 32, 32]} ({@link FeatureLayout#NCHW}, the
 * default) or {@code [B, 3072]} ({@link FeatureLayout#FLAT}) holding raw pixel values 0..255, and one-hot
 * labels {@code [B, 10]}; {@code B} is the batch size except for a smaller last batch. Arrays are
 * {@link DataType#FLOAT} unless {@link Builder#dataType(DataType) DOUBLE} is requested. The preprocessor,
 * if set, is applied to every batch.
 *
 * <p>Order: without shuffling, image order. With {@link Builder#shuffle(long)}, epoch {@code e} visits a
 * permutation fixed by {@link Shuffles#epochSeed(long, int) (seed, e)}: two iterators with the same seed
 * produce identical batches epoch after epoch. {@link #reset()} after at least one batch starts the next
 * epoch (a reset before any batch keeps the current one), so DL4J's {@code fit(iterator, epochs)} sees
 * a new order each epoch; {@link #setEpoch(int)} jumps to an epoch (resume from a checkpoint).
 *
 * <p>Not thread-safe (one consumer, like every DataSetIterator); DL4J's async prefetch wrapper is supported.
 */
public final class CifarDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    /** Batch size used when the builder sets none. */
    public static final int DEFAULT_BATCH_SIZE = 128;

    private final CifarDataset data;
    private final int batchSize;
    private final FeatureLayout layout;
    private final DataType dataType;
    private final boolean shuffle;
    private final long seed;
    private final List<String> labelNames;
    private DataSetPreProcessor preProcessor;
    private int epoch;
    private int cursor;
    private int[] order;

    private CifarDataSetIterator(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.layout = b.layout;
        this.dataType = b.dataType;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.labelNames = b.labelNames;
        this.preProcessor = b.preProcessor;
        setEpoch(0);
    }

    /**
     * @param data the images to iterate (e.g. {@code CifarSplits.train()})
     * @return a builder with batch size {@value #DEFAULT_BATCH_SIZE}, NCHW, FLOAT, no shuffling
     */
    public static Builder builder(CifarDataset data) {
        return new Builder(data);
    }

    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be >= 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is exhausted (" + data.size()
                    + " images); call reset()");
        }
        int count = Math.min(num, data.size() - cursor);
        INDArray features = CifarTensors.features(data, order, cursor, count, layout, dataType);
        INDArray labels = CifarTensors.oneHotLabels(data, order, cursor, count, dataType);
        cursor += count;
        DataSet ds = new DataSet(features, labels);
        ds.setLabelNames(labelNames);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < data.size();
    }

    @Override
    public void reset() {
        if (cursor > 0) {
            setEpoch(epoch + 1);
        }
    }

    /**
     * Restarts at the beginning of epoch {@code epoch} (its shuffle order, if shuffling).
     *
     * @param epoch epoch number, from 0
     */
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
        this.cursor = 0;
        this.order = shuffle ? Shuffles.permutation(data.size(), Shuffles.epochSeed(seed, epoch)) : null;
    }

    /** @return the current epoch number, from 0 */
    public int getEpoch() {
        return epoch;
    }

    /** @return the number of images per epoch */
    public int numExamples() {
        return data.size();
    }

    @Override
    public int inputColumns() {
        return CifarFormat.IMAGE_BYTES;
    }

    @Override
    public int totalOutcomes() {
        return CifarFormat.NUM_CLASSES;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return labelNames;
    }

    /** Configures a {@link CifarDataSetIterator}; every setting has a default. */
    public static final class Builder {
        private final CifarDataset data;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private FeatureLayout layout = FeatureLayout.NCHW;
        private DataType dataType = DataType.FLOAT;
        private boolean shuffle;
        private long seed;
        private List<String> labelNames = CifarClasses.NAMES;
        private DataSetPreProcessor preProcessor;

        private Builder(CifarDataset data) {
            if (data == null) {
                throw new IllegalArgumentException("data must not be null");
            }
            this.data = data;
        }

        /**
         * @param batchSize images per batch, at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param layout NCHW ({@code [B,3,32,32]}, default) or FLAT ({@code [B,3072]})
         * @return this builder
         */
        public Builder layout(FeatureLayout layout) {
            if (layout == null) {
                throw new IllegalArgumentException("layout must not be null");
            }
            this.layout = layout;
            return this;
        }

        /**
         * @param dataType FLOAT (default) or DOUBLE, for features and labels
         * @return this builder
         */
        public Builder dataType(DataType dataType) {
            if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
                throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, got " + dataType);
            }
            this.dataType = dataType;
            return this;
        }

        /**
         * Shuffles every epoch, deterministically from {@code seed}.
         *
         * @param seed the seed (e.g. the job's {@code --seed})
         * @return this builder
         */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /**
         * Iterates in image order (the default; for validation and test).
         *
         * @return this builder
         */
        public Builder noShuffle() {
            this.shuffle = false;
            return this;
        }

        /**
         * @param labelNames the 10 class names reported by {@link #getLabels()} (default: the official ones)
         * @return this builder
         */
        public Builder labelNames(List<String> labelNames) {
            if (labelNames == null || labelNames.size() != CifarFormat.NUM_CLASSES) {
                throw new IllegalArgumentException("expected 10 class names, got " + labelNames);
            }
            this.labelNames = List.copyOf(labelNames);
            return this;
        }

        /**
         * @param preProcessor applied to every batch (e.g. a fitted {@code CifarPreprocessor}), or null
         * @return this builder
         */
        public Builder preProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
            return this;
        }

        /** @return the iterator, positioned at the start of epoch 0 */
        public CifarDataSetIterator build() {
            return new CifarDataSetIterator(this);
        }
    }
}
