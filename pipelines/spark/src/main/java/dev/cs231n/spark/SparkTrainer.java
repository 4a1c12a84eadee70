package dev.cs231n.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.norm.BatchNormStatistics;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.io.LossDivergedException;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.train.BestModelFiles;
import dev.cs231n.pipelines.train.Checkpoint;
import dev.cs231n.pipelines.train.EpochEvaluator;
import dev.cs231n.pipelines.train.TrainState;
import dev.cs231n.pipelines.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The epoch loop of Spark training, with the single-machine {@link Trainer}'s contract: each epoch is one
 * {@link SparkDl4jMultiLayer#fit(JavaRDD)} (a MultiLayerNetwork, {@link #fit}) or
 * {@link SparkComputationGraph#fitMultiDataSet(JavaRDD)} (a ComputationGraph, {@link #fitGraph}) by a DL4J training
 * master over that epoch's RDD (DL4J counts the epoch, so per-epoch learning-rate schedules apply); then, on the
 * driver, optionally the BatchNorm statistics ({@link Builder#batchNormStatistics}), the configured
 * {@link EpochEvaluator} (e.g. validation and training accuracy), the best epoch's network on the
 * {@link Builder#selectOn} metric as {@code OUT/model.zip} and {@link Checkpoint}
 * {@code OUT/checkpoint.zip} (the driver's network with its updater state, and the {@link TrainState}), published in
 * the same order as the Trainer's; {@code resume} continues after the checkpoint's last epoch and is refused when a
 * setting other than the epoch count differs. The epoch's loss is measured on the driver by the configured function
 * ({@link Builder#loss}; the job: the network's score on a fixed sample of the training split), since
 * {@code SharedTrainingMaster} reports no score (0); without one it is the training master's score (parameter
 * averaging: the mean over workers of their last minibatch's). Each epoch runs under a {@link FitWatchdog}.
 */
public final class SparkTrainer {

    /** The data of one epoch. */
    @FunctionalInterface
    public interface EpochData {
        /**
         * @param epoch the epoch, from 0
         * @return its RDD of minibatches
         */
        JavaRDD<DataSet> rdd(int epoch);
    }

    /** The data of one epoch of a ComputationGraph. */
    @FunctionalInterface
    public interface GraphEpochData {
        /**
         * @param epoch the epoch, from 0
         * @return its RDD of minibatches
         */
        JavaRDD<MultiDataSet> rdd(int epoch);
    }

    /** Per-epoch timing of the last run. */
    private final List<Double> epochSeconds = new ArrayList<>();

    private final Builder b;

    private SparkTrainer(Builder b) {
        this.b = b;
    }

    /** @return a builder: 10 epochs, start timeout 120 s, no epoch timeout */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the wall time of each epoch trained in this session (Spark fit only, evaluation excluded) */
    public List<Double> epochSeconds() {
        return List.copyOf(epochSeconds);
    }

    /**
     * @param sc     the Spark context
     * @param fresh  a freshly initialised network (ignored when resuming)
     * @param master the training master
     * @param data   the RDD of each epoch
     * @param hint   what to check when an epoch misses a deadline
     * @return the best network (read back from model.zip) and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    public Trainer.Result<MultiLayerNetwork> fit(JavaSparkContext sc, MultiLayerNetwork fresh,
                                                 TrainingMaster<?, ?> master, EpochData data, String hint)
            throws IOException {
        if (b.graphBatchNormData != null) {
            throw new IllegalStateException("graphBatchNormStatistics(..) is for a ComputationGraph; a "
                    + "MultiLayerNetwork takes batchNormStatistics(..)");
        }
        return run(new Adapter<>() {
            private SparkDl4jMultiLayer spark;

            @Override
            public MultiLayerNetwork restore(Path f) throws IOException {
                return ModelSerializer.restoreMultiLayerNetwork(f.toFile(), true);
            }

            @Override
            public void start(MultiLayerNetwork net) {
                spark = new SparkDl4jMultiLayer(sc, net, master);
            }

            @Override
            public void fitEpoch(int epoch) {
                JavaRDD<DataSet> rdd = data.rdd(epoch);
                spark.fit(rdd);
            }

            @Override
            public MultiLayerNetwork network() {
                return spark.getNetwork();
            }

            @Override
            public double score() {
                return spark.getScore();
            }

            @Override
            public int epochCount(MultiLayerNetwork net) {
                return net.getLayerWiseConfigurations().getEpochCount();
            }

            @Override
            public void setEpochCount(MultiLayerNetwork net, int count) {
                net.getLayerWiseConfigurations().setEpochCount(count);
            }

            @Override
            public long recomputeBatchNorm(MultiLayerNetwork net, int epoch) {
                return b.batchNormData == null ? 0
                        : BatchNormStatistics.recompute(net, b.batchNormData.apply(epoch), b.batchNormBatches);
            }
        }, fresh, sc, hint);
    }

    /**
     * The same for a ComputationGraph ({@link SparkComputationGraph}, an RDD of MultiDataSets per epoch).
     *
     * @param sc     the Spark context
     * @param fresh  a freshly initialised graph (ignored when resuming)
     * @param master the training master
     * @param data   the RDD of each epoch
     * @param hint   what to check when an epoch misses a deadline
     * @return the best graph (read back from model.zip) and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    public Trainer.Result<ComputationGraph> fitGraph(JavaSparkContext sc, ComputationGraph fresh,
                                                     TrainingMaster<?, ?> master, GraphEpochData data, String hint)
            throws IOException {
        if (b.batchNormData != null) {
            throw new IllegalStateException("batchNormStatistics(..) is for a MultiLayerNetwork; a "
                    + "ComputationGraph takes graphBatchNormStatistics(..)");
        }
        return run(new Adapter<>() {
            private SparkComputationGraph spark;

            @Override
            public ComputationGraph restore(Path f) throws IOException {
                return ModelSerializer.restoreComputationGraph(f.toFile(), true);
            }

            @Override
            public void start(ComputationGraph net) {
                spark = new SparkComputationGraph(sc, net, master);
            }

            @Override
            public void fitEpoch(int epoch) {
                JavaRDD<MultiDataSet> rdd = data.rdd(epoch);
                spark.fitMultiDataSet(rdd);
            }

            @Override
            public ComputationGraph network() {
                return spark.getNetwork();
            }

            @Override
            public double score() {
                return spark.getScore();
            }

            @Override
            public int epochCount(ComputationGraph net) {
                return net.getConfiguration().getEpochCount();
            }

            @Override
            public void setEpochCount(ComputationGraph net, int count) {
                net.getConfiguration().setEpochCount(count);
            }

            @Override
            public long recomputeBatchNorm(ComputationGraph net, int epoch) {
                return b.graphBatchNormData == null ? 0
                        : BatchNormStatistics.recompute(net, b.graphBatchNormData.apply(epoch), b.batchNormBatches);
            }
        }, fresh, sc, hint);
    }

    /** What the epoch loop needs of a network type and its Spark wrapper. */
    private interface Adapter<N extends Model> {
        N restore(Path file) throws IOException;

        void start(N net);

        void fitEpoch(int epoch);

        N network();

        double score();

        int epochCount(N net);

        void setEpochCount(N net, int count);

        long recomputeBatchNorm(N net, int epoch);
    }

    private <N extends Model> Trainer.Result<N> run(Adapter<N> a, N fresh, JavaSparkContext sc, String hint)
            throws IOException {
        N net = fresh;
        TrainState state = new TrainState();
        state.selectOn = b.selectOn;
        state.settings.putAll(b.settings);
        boolean resuming = b.resume && Checkpoint.exists(b.out);
        if (b.resume && !resuming) {
            b.log.println("--resume: no checkpoint at " + b.out.resolve(Checkpoint.FILE) + "; training from the start");
        }
        if (resuming) {
            Checkpoint.Loaded<N> c = Checkpoint.load(b.out, a::restore);
            BestModelFiles.checkSettings(b.out, c.state(), b.settings, b.log);
            net = c.net();
            state = c.state();
            b.log.println("resuming after epoch " + state.epochsDone + " of " + b.epochs);
        }
        BestModelFiles.settle(b.out, state, b.log);
        a.start(net);
        try (FitWatchdog watchdog = new FitWatchdog(sc, b.startTimeoutMs, b.epochTimeoutMs)) {
            for (int epoch = state.epochsDone; epoch < b.epochs; epoch++) {
                final int e = epoch;
                int countBefore = a.epochCount(a.network());
                long t0 = System.nanoTime();
                watchdog.run("epoch " + (epoch + 1) + "/" + b.epochs, () -> a.fitEpoch(e), hint);
                net = a.network();
                // the driver's network has trained countBefore + 1 epochs. SharedTrainingMaster hands a
                // ComputationGraph back with an epoch count of the workers' (2 after the first epoch, 3 after the 15th:
                // a worker JVM keeps its model between fits), so per-epoch schedules and the caption jobs'
                // selection of the latest epoch went wrong; the count is set here for every network and master
                a.setEpochCount(net, countBefore + 1);
                // gradient sharing: the running statistics stay where they were (BatchNormStatistics explains)
                long t1 = System.nanoTime();
                long n = a.recomputeBatchNorm(net, epoch);
                if (n > 0) {
                    b.log.printf(Locale.ROOT, "epoch %d: BatchNorm running statistics recomputed on the driver from "
                            + "%d training examples (%.1f s)%n", epoch + 1, n, (System.nanoTime() - t1) / 1e9);
                }
                double seconds = (System.nanoTime() - t0) / 1e9; // Spark's fit and the driver's statistics
                epochSeconds.add(seconds);
                double loss = b.loss == null ? a.score() : b.loss.applyAsDouble(net);
                if (!Double.isFinite(loss)) {
                    Metrics m = new Metrics();
                    b.settings.forEach((k, v) -> m.put(k.replace('-', '_'), v));
                    throw new LossDivergedException(epoch + 1, -1, loss).record(b.out, m);
                }
                Map<String, Double> metrics = b.evaluator.evaluate(net);
                state.trainLoss.add(loss);
                for (Map.Entry<String, Double> en : metrics.entrySet()) {
                    state.metrics.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(en.getValue());
                }
                state.epochsDone = epoch + 1;
                state.trainSeconds += seconds;
                b.log.println(epochLine(epoch + 1, loss, metrics, seconds));
                Path pending = null;
                if (BestModelFiles.isBest(state, metrics, b.selectOn, b.higherIsBetter)) {
                    state.bestValue = metrics.get(b.selectOn);
                    state.bestEpoch = epoch + 1;
                    pending = BestModelFiles.writePending(b.out, epoch + 1, net, b.modelWriter);
                }
                Checkpoint.save(b.out, net, state);
                if (pending != null) { // the checkpoint names this epoch the best: model.zip follows it
                    AtomicFiles.move(pending, b.out.resolve(Trainer.BEST_MODEL));
                }
            }
        }
        Path best = b.out.resolve(Trainer.BEST_MODEL);
        try {
            return new Trainer.Result<>(a.restore(best), state);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Cannot restore network from " + best + ": " + e.getMessage(), e);
        }
    }

    private String epochLine(int epoch, double loss, Map<String, Double> metrics, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f", epoch, b.epochs,
                loss));
        metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, ", %s %.4f", k, v)));
        return sb.append(String.format(Locale.ROOT, " (%.1f s)", seconds)).toString();
    }

    /** Options of a {@link SparkTrainer}. */
    public static final class Builder {
        private int epochs = 10;
        private Path out;
        private boolean resume;
        private EpochEvaluator<? super Model> evaluator = net -> Map.of();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Trainer.ModelWriter modelWriter = (net, file) -> ModelSerializer.writeModel(net, file.toFile(), false);
        private long startTimeoutMs = 120_000;
        private long epochTimeoutMs;
        private PrintStream log = System.out;
        private java.util.function.ToDoubleFunction<Model> loss;
        private java.util.function.IntFunction<DataSetIterator> batchNormData;
        private java.util.function.IntFunction<MultiDataSetIterator> graphBatchNormData;
        private int batchNormBatches;
        private String selectOn = Trainer.VAL_ACCURACY;
        private boolean higherIsBetter = true;

        private Builder() {
        }

        /**
         * @param f the epoch's training loss, measured on the driver's network after the epoch
         * @return this
         */
        public Builder loss(java.util.function.ToDoubleFunction<Model> f) {
            this.loss = Objects.requireNonNull(f, "loss");
            return this;
        }

        /**
         * After each epoch, the driver recomputes the running statistics of the network's BatchNorm layers from the
         * first {@code maxBatches} minibatches of {@code data} ({@link BatchNormStatistics}). Needed with gradient
         * sharing, which never brings the workers' running statistics to the driver (they stay at mean 0, variance
         * 1); parameter averaging averages them with the other parameters.
         *
         * @param data       the epoch's training minibatches, by epoch from 0
         * @param maxBatches at most this many of them, at least 1
         * @return this
         */
        public Builder batchNormStatistics(java.util.function.IntFunction<DataSetIterator> data, int maxBatches) {
            if (maxBatches < 1) {
                throw new IllegalArgumentException("maxBatches must be >= 1, got " + maxBatches);
            }
            this.batchNormData = Objects.requireNonNull(data, "data");
            this.batchNormBatches = maxBatches;
            return this;
        }

        /**
         * {@link #batchNormStatistics} for a ComputationGraph.
         *
         * @param data       the epoch's training minibatches, by epoch from 0
         * @param maxBatches at most this many of them, at least 1
         * @return this
         */
        public Builder graphBatchNormStatistics(java.util.function.IntFunction<MultiDataSetIterator> data,
                                                int maxBatches) {
            if (maxBatches < 1) {
                throw new IllegalArgumentException("maxBatches must be >= 1, got " + maxBatches);
            }
            this.graphBatchNormData = Objects.requireNonNull(data, "data");
            this.batchNormBatches = maxBatches;
            return this;
        }

        /**
         * @param metric         the evaluator's metric that picks the best epoch (default {@value Trainer#VAL_ACCURACY})
         * @param higherIsBetter true for accuracies, false for losses
         * @return this
         */
        public Builder selectOn(String metric, boolean higherIsBetter) {
            this.selectOn = Objects.requireNonNull(metric, "metric");
            this.higherIsBetter = higherIsBetter;
            return this;
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
         * @param e what to measure on the driver after each epoch (must report the {@link #selectOn} metric)
         * @return this
         */
        public Builder evaluator(EpochEvaluator<? super Model> e) {
            this.evaluator = Objects.requireNonNull(e, "evaluator");
            return this;
        }

        /**
         * @param s the settings that determine the result, by option name (recorded; a resume must have the same)
         * @return this
         */
        public Builder settings(Map<String, ?> s) {
            s.forEach((k, v) -> settings.put(k, String.valueOf(v)));
            return this;
        }

        /**
         * @param w how to write the best network
         * @return this
         */
        public Builder modelWriter(Trainer.ModelWriter w) {
            this.modelWriter = Objects.requireNonNull(w, "writer");
            return this;
        }

        /**
         * @param startMs how long the first Spark task of an epoch may take to start
         * @param epochMs how long an epoch may take, 0 for no limit
         * @return this
         */
        public Builder timeouts(long startMs, long epochMs) {
            this.startTimeoutMs = startMs;
            this.epochTimeoutMs = epochMs;
            return this;
        }

        /**
         * @param p where epoch lines go
         * @return this
         */
        public Builder log(PrintStream p) {
            this.log = Objects.requireNonNull(p, "log");
            return this;
        }

        /** @return the trainer */
        public SparkTrainer build() {
            if (out == null) {
                throw new IllegalStateException("SparkTrainer: out(dir) is required");
            }
            return new SparkTrainer(this);
        }
    }
}
