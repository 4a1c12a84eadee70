package dev.cs231n.pipelines.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.io.LossDivergedException;
import dev.cs231n.pipelines.io.Metrics;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The project's one training engine: trains a DL4J {@link MultiLayerNetwork} or {@link ComputationGraph} epoch by
 * epoch on a {@link DataSetIterator} or {@link MultiDataSetIterator}, through DL4J's own {@code fit(iterator)} (so
 * DL4J counts epochs: per-epoch learning-rate schedules apply, and listeners get {@code onEpochStart/End}).
 *
 * <p>After every epoch it
 * <ol>
 * <li>evaluates the network with the configured {@link EpochEvaluator} (e.g. validation and training accuracy);</li>
 * <li>keeps the network of the best epoch on a named metric ({@code val_accuracy} by default, higher is better) as
 * {@code OUT/model.zip}, written by the configured {@link ModelWriter} (e.g. with the preprocessing inside);</li>
 * <li>publishes {@link Checkpoint} {@code OUT/checkpoint.zip} (network, updater state and {@link TrainState}) as one
 * unit; a new best network is written beside model.zip first and replaces it only after the checkpoint naming its
 * epoch is published, so model.zip never belongs to an epoch the checkpoint has not recorded.</li>
 * </ol>
 * A non-finite training loss stops the run ({@link LossDivergedException}, after {@code OUT/metrics.json} records
 * the epoch and step), unless {@link Builder#stopOnDivergence} says otherwise.
 * Progress shows the rate, ETA and running loss ({@link EpochProgress}, a DL4J {@link TrainingListener}). A run with
 * {@code resume} continues from the checkpoint with the next epoch and ends as an uninterrupted run would (the
 * data's epoch hook {@link Builder#beforeEpoch} gives every epoch its own shuffle and augmentation); it is refused
 * when a setting other than the epoch count differs from the checkpoint's.
 *
 * <pre>{@code
 * Trainer.Result<MultiLayerNetwork> r = Trainer.builder().epochs(10).out(out).resume(resume)
 *         .settings(Map.of("lr", "0.001", "hidden", "512,256"))
 *         .evaluator(EpochEvaluator.all(valAccuracy.as("val_accuracy"), trainAccuracy.as("train_accuracy")))
 *         .beforeEpoch(iterator::setEpoch).stepsPerEpoch(383)
 *         .build().fit(net, iterator);
 * }</pre>
 */
public final class Trainer {

    /** Metric name of validation accuracy, the default selection metric. */
    public static final String VAL_ACCURACY = "val_accuracy";
    /** Metric name of training accuracy (on a sample). */
    public static final String TRAIN_ACCURACY = "train_accuracy";
    /** File name of the best network in the output folder. */
    public static final String BEST_MODEL = "model.zip";

    /** Writes the best network. */
    @FunctionalInterface
    public interface ModelWriter {
        /**
         * @param net  the network
         * @param file where to write it (a temporary file that the trainer then publishes)
         * @throws IOException when it cannot be written
         */
        void write(Model net, Path file) throws IOException;
    }

    /**
     * The outcome.
     *
     * @param <M>   the network type
     * @param best  the network of the best epoch, read back from {@code OUT/model.zip}
     * @param state the run's history
     */
    public record Result<M extends Model>(M best, TrainState state) {
    }

    /** One epoch of training, DL4J's {@code fit(iterator)}. */
    @FunctionalInterface
    private interface EpochFit<M extends Model> {
        void fit(M net);
    }

    private final int epochs;
    private final Path out;
    private final boolean resume;
    private final EpochEvaluator<? super Model> evaluator;
    private final String selectOn;
    private final boolean higherIsBetter;
    private final IntConsumer beforeEpoch;
    private final long stepsPerEpoch;
    private final Map<String, String> settings;
    private final ModelWriter modelWriter;
    private final List<TrainingListener> listeners;
    private final PrintStream log;
    private final boolean stopOnDivergence;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.out = b.out;
        this.resume = b.resume;
        this.evaluator = b.evaluator;
        this.selectOn = b.selectOn;
        this.higherIsBetter = b.higherIsBetter;
        this.beforeEpoch = b.beforeEpoch;
        this.stepsPerEpoch = b.stepsPerEpoch;
        this.settings = Map.copyOf(b.settings);
        this.modelWriter = b.modelWriter;
        this.listeners = List.copyOf(b.listeners);
        this.log = b.log;
        this.stopOnDivergence = b.stopOnDivergence;
    }

    /** @return a builder: 10 epochs, select on {@value #VAL_ACCURACY} (higher is better), no evaluator */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param net   a freshly initialised network (ignored when resuming)
     * @param train the training data; the trainer calls {@code net.fit(train)} once per epoch
     * @return the best network and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    public Result<MultiLayerNetwork> fit(MultiLayerNetwork net, DataSetIterator train) throws IOException {
        return run(net, n -> n.fit(train), f -> ModelSerializer.restoreMultiLayerNetwork(f.toFile(), true));
    }

    /**
     * @param net   a freshly initialised graph (ignored when resuming)
     * @param train the training data (one input, one output)
     * @return the best graph and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    public Result<ComputationGraph> fit(ComputationGraph net, DataSetIterator train) throws IOException {
        return run(net, n -> n.fit(train), f -> ModelSerializer.restoreComputationGraph(f.toFile(), true));
    }

    /**
     * @param net   a freshly initialised graph (ignored when resuming)
     * @param train the training data (several inputs/outputs, masks)
     * @return the best graph and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    public Result<ComputationGraph> fit(ComputationGraph net, MultiDataSetIterator train) throws IOException {
        return run(net, n -> n.fit(train), f -> ModelSerializer.restoreComputationGraph(f.toFile(), true));
    }

    private <M extends Model> Result<M> run(M fresh, EpochFit<M> fit, Checkpoint.Restorer<M> restorer)
            throws IOException {
        M net = fresh;
        TrainState state = new TrainState();
        state.selectOn = selectOn;
        state.settings.putAll(settings);
        boolean resuming = resume && Checkpoint.exists(out);
        if (resume && !resuming) {
            log.println("--resume: no checkpoint at " + out.resolve(Checkpoint.FILE) + "; training from the start");
        }
        if (resuming) {
            Checkpoint.Loaded<M> c = Checkpoint.load(out, restorer);
            BestModelFiles.checkSettings(out, c.state(), settings, log);
            net = c.net();
            state = c.state();
            state.settings.putAll(settings);
            log.println("resuming after epoch " + state.epochsDone + " of " + epochs);
        }
        BestModelFiles.settle(out, state, log);
        Collection<TrainingListener> own = listenersOf(net);
        own.addAll(listeners);
        for (int epoch = state.epochsDone; epoch < epochs; epoch++) {
            beforeEpoch.accept(epoch);
            long t0 = System.nanoTime();
            double loss;
            NonFiniteLoss watch = new NonFiniteLoss();
            try (EpochProgress progress = new EpochProgress("epoch " + (epoch + 1) + "/" + epochs, stepsPerEpoch)) {
                List<TrainingListener> all = new ArrayList<>(own);
                all.add(progress);
                all.add(watch);
                net.setListeners(all);
                fit.fit(net);
                loss = progress.meanLoss();
            } finally {
                net.setListeners(own);
            }
            if (stopOnDivergence && (watch.step >= 0 || !Double.isFinite(loss))) {
                throw diverged(epoch + 1, watch.step >= 0 ? watch.step : watch.last,
                        watch.step >= 0 ? watch.loss : loss);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> metrics = evaluator.evaluate(net);
            record(state, epoch + 1, loss, seconds, metrics);
            log.println(epochLine(state, epoch + 1, metrics, seconds));
            Path pending = null;
            if (BestModelFiles.isBest(state, metrics, selectOn, higherIsBetter)) {
                state.bestValue = metrics.get(selectOn);
                state.bestEpoch = epoch + 1;
                pending = BestModelFiles.writePending(out, epoch + 1, net, modelWriter);
            }
            Checkpoint.save(out, net, state);
            if (pending != null) { // the checkpoint names this epoch the best: model.zip follows it
                AtomicFiles.move(pending, out.resolve(BEST_MODEL));
            }
        }
        return new Result<>(restore(restorer, out.resolve(BEST_MODEL)), state);
    }

    /** The network's own listeners (the user's), kept across the trainer's per-epoch progress listener. */
    private static Collection<TrainingListener> listenersOf(Model net) {
        Collection<TrainingListener> l = null;
        if (net instanceof MultiLayerNetwork mln) {
            l = mln.getListeners();
        } else if (net instanceof ComputationGraph cg) {
            l = cg.getListeners();
        }
        return l == null ? new ArrayList<>() : new ArrayList<>(l);
    }

    private void record(TrainState state, int epochsDone, double loss, double seconds, Map<String, Double> metrics) {
        state.trainLoss.add(loss);
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            state.metrics.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue());
        }
        state.epochsDone = epochsDone;
        state.trainSeconds += seconds;
    }

    private LossDivergedException diverged(int epoch, long step, double loss) throws IOException {
        LossDivergedException e = new LossDivergedException(epoch, step, loss);
        Metrics m = new Metrics();
        settings.forEach((k, v) -> m.put(k.replace('-', '_'), v));
        return e.record(out, m);
    }

    /** Notes the first step whose loss is not finite. */
    private static final class NonFiniteLoss extends BaseTrainingListener {
        private long step = -1;
        private long last;
        private double loss;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            last = iteration + 1L;
            double score = model.score();
            if (step < 0 && !Double.isFinite(score)) {
                step = iteration + 1L;
                loss = score;
            }
        }
    }

    private String epochLine(TrainState state, int epoch, Map<String, Double> metrics, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f", epoch, epochs,
                state.trainLoss.get(epoch - 1)));
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            sb.append(String.format(Locale.ROOT, ", %s %.4f", m.getKey(), m.getValue()));
        }
        return sb.append(String.format(Locale.ROOT, " (%.1f s)", seconds)).toString();
    }

    private static <M extends Model> M restore(Checkpoint.Restorer<M> restorer, Path file) throws IOException {
        try {
            return restorer.restore(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Cannot restore network from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Options of a {@link Trainer}. */
    public static final class Builder {
        private int epochs = 10;
        private Path out;
        private boolean resume;
        private EpochEvaluator<? super Model> evaluator = net -> Map.of();
        private String selectOn = VAL_ACCURACY;
        private boolean higherIsBetter = true;
        private IntConsumer beforeEpoch = e -> { };
        private long stepsPerEpoch = -1;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private ModelWriter modelWriter = (net, file) -> ModelSerializer.writeModel(net, file.toFile(), false);
        private final List<TrainingListener> listeners = new ArrayList<>();
        private PrintStream log = System.out;
        private boolean stopOnDivergence = true;

        private Builder() {
        }

        /**
         * @param stop whether a non-finite training loss stops the run with a {@link LossDivergedException}, after
         *             writing {@code OUT/metrics.json} with the failure (default true); false trains on, for
         *             experiments that record diverging runs
         * @return this
         */
        public Builder stopOnDivergence(boolean stop) {
            this.stopOnDivergence = stop;
            return this;
        }

        /**
         * @param n total epochs (a resumed run trains the remaining ones), at least 1
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
         * @param dir output folder: {@code model.zip} (best epoch) and {@code checkpoint.zip}
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
         * @param e what to measure after each epoch
         * @return this
         */
        public Builder evaluator(EpochEvaluator<? super Model> e) {
            this.evaluator = Objects.requireNonNull(e, "evaluator");
            return this;
        }

        /**
         * @param metric         the metric the best epoch is chosen on (one the evaluator reports)
         * @param higherIsBetter true for accuracies, false for losses
         * @return this
         */
        public Builder selectOn(String metric, boolean higherIsBetter) {
            this.selectOn = Objects.requireNonNull(metric, "metric");
            this.higherIsBetter = higherIsBetter;
            return this;
        }

        /**
         * @param hook called with the epoch number (from 0) before each epoch, e.g. to set the iterator's shuffle and
         *             the augmentation of that epoch
         * @return this
         */
        public Builder beforeEpoch(IntConsumer hook) {
            this.beforeEpoch = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * @param n minibatches per epoch, for the progress bar's ETA
         * @return this
         */
        public Builder stepsPerEpoch(long n) {
            this.stepsPerEpoch = n;
            return this;
        }

        /**
         * @param s the settings that determine the result, by option name (not the epoch count); recorded in the
         *          checkpoint, and a resumed run must have the same
         * @return this
         */
        public Builder settings(Map<String, ?> s) {
            s.forEach((k, v) -> settings.put(k, String.valueOf(v)));
            return this;
        }

        /**
         * @param w how to write the best network (default: ModelSerializer without the updater)
         * @return this
         */
        public Builder modelWriter(ModelWriter w) {
            this.modelWriter = Objects.requireNonNull(w, "writer");
            return this;
        }

        /**
         * @param l DL4J listeners added to the network during training
         * @return this
         */
        public Builder listener(TrainingListener l) {
            this.listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * @param p where epoch lines go (default {@code System.out})
         * @return this
         */
        public Builder log(PrintStream p) {
            this.log = Objects.requireNonNull(p, "log");
            return this;
        }

        /** @return the trainer */
        public Trainer build() {
            if (out == null) {
                throw new IllegalStateException("Trainer: out(dir) is required");
            }
            return new Trainer(this);
        }
    }
}
