package dev.cs231n.pipelines.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;

/**
 * A CIFAR-10 classifier trained by the {@link Trainer} on the course's splits: the training split shuffled anew each
 * epoch (seeded), preprocessing fitted on the training split (and optional flip/crop augmentation), validation
 * accuracy ({@value Trainer#VAL_ACCURACY}, the selection metric) and training accuracy on a fixed
 * {@value #TRAIN_ACCURACY_SAMPLE}-image sample ({@value Trainer#TRAIN_ACCURACY}) after every epoch; the best network
 * is saved with its preprocessing inside ({@link ModelZipPreprocessors}).
 */
public final class CifarTraining {

    /** Sample of training images on which training accuracy is measured each epoch. */
    public static final int TRAIN_ACCURACY_SAMPLE = 1000;

    private final Builder b;

    private CifarTraining(Builder b) {
        this.b = b;
    }

    /**
     * @param splits the course's splits
     * @param pre    preprocessing fitted on the training split
     * @return a builder: 10 epochs, batch 128, seed 42, NCHW, FLOAT, no augmentation
     */
    public static Builder builder(CifarSplits splits, CifarPreprocessor pre) {
        return new Builder(splits, pre);
    }

    /**
     * @param fresh the freshly initialised network (ignored when resuming)
     * @return the best network and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    public Trainer.Result<MultiLayerNetwork> fit(MultiLayerNetwork fresh) throws IOException {
        CifarSplits s = b.splits;
        CifarDataSetIterator it = CifarDataSetIterator.builder(s.train()).batchSize(b.batchSize).layout(b.layout)
                .dataType(b.dtype).shuffle(b.seed)
                .preProcessor(b.augment == null ? b.pre : new CompositeDataSetPreProcessor(b.pre, b.augment)).build();
        CifarDataset trainSample = CifarSplits.sample(s.train(), Math.min(TRAIN_ACCURACY_SAMPLE, s.train().size()),
                b.seed);
        Map<String, Object> settings = new LinkedHashMap<>(b.settings);
        settings.put("batch-size", b.batchSize);
        settings.put("seed", b.seed);
        settings.put("num-train", s.train().size());
        CifarPreprocessor pre = b.pre;
        return Trainer.builder().epochs(b.epochs).out(b.out).resume(b.resume).settings(settings)
                .stopOnDivergence(b.stopOnDivergence)
                .evaluator(EpochEvaluator.all(accuracy(s.val()).as(Trainer.VAL_ACCURACY),
                        accuracy(trainSample).as(Trainer.TRAIN_ACCURACY)))
                .beforeEpoch(epoch -> {
                    it.setEpoch(epoch);
                    if (b.augment != null) {
                        b.augment.setEpoch(epoch);
                    }
                })
                .stepsPerEpoch((s.train().size() + b.batchSize - 1) / b.batchSize)
                .modelWriter((net, file) -> {
                    ModelSerializer.writeModel(net, file.toFile(), false);
                    ModelZipPreprocessors.save(file.toFile(), pre);
                })
                .build().fit(fresh, it);
    }

    /**
     * @param data images
     * @return the accuracy of a network on them, with this training's layout, type and preprocessing
     */
    public CifarAccuracy accuracy(CifarDataset data) {
        return new CifarAccuracy(data, b.layout, b.dtype, b.pre);
    }

    /** Options of a {@link CifarTraining}. */
    public static final class Builder {
        private final CifarSplits splits;
        private final CifarPreprocessor pre;
        private int epochs = 10;
        private int batchSize = 128;
        private long seed = 42;
        private FeatureLayout layout = FeatureLayout.NCHW;
        private DataType dtype = DataType.FLOAT;
        private RandomFlipCrop augment;
        private Path out;
        private boolean resume;
        private boolean stopOnDivergence = true;
        private final Map<String, Object> settings = new LinkedHashMap<>();

        private Builder(CifarSplits splits, CifarPreprocessor pre) {
            this.splits = Objects.requireNonNull(splits, "splits");
            this.pre = Objects.requireNonNull(pre, "pre");
        }

        /**
         * @param n total epochs, at least 1
         * @return this
         */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /**
         * @param n minibatch size, at least 1
         * @return this
         */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        /**
         * @param s seed of the shuffles and the training-accuracy sample
         * @return this
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param l the network's input layout
         * @return this
         */
        public Builder layout(FeatureLayout l) {
            this.layout = Objects.requireNonNull(l, "layout");
            return this;
        }

        /**
         * @param t the network's data type
         * @return this
         */
        public Builder dataType(DataType t) {
            this.dtype = Objects.requireNonNull(t, "dtype");
            return this;
        }

        /**
         * @param a random flip + crop of each training batch (NCHW), or null for none
         * @return this
         */
        public Builder augment(RandomFlipCrop a) {
            this.augment = a;
            return this;
        }

        /**
         * @param dir output folder
         * @return this
         */
        public Builder out(Path dir) {
            this.out = Objects.requireNonNull(dir, "out");
            return this;
        }

        /**
         * @param r continue from the checkpoint in the output folder
         * @return this
         */
        public Builder resume(boolean r) {
            this.resume = r;
            return this;
        }

        /**
         * @param s the network's settings by option name (the trainer adds batch size, seed, training size and
         *          augmentation); a resumed run must have the same
         * @return this
         */
        public Builder settings(Map<String, ?> s) {
            this.settings.putAll(s);
            return this;
        }

        /**
         * @param stop whether a non-finite loss stops the run ({@link Trainer.Builder#stopOnDivergence}, default
         *             true)
         * @return this
         */
        public Builder stopOnDivergence(boolean stop) {
            this.stopOnDivergence = stop;
            return this;
        }

        /** @return the training */
        public CifarTraining build() {
            if (out == null) {
                throw new IllegalStateException("CifarTraining: out(dir) is required");
            }
            return new CifarTraining(this);
        }
    }
}
