package dev.cs231n.classic.solver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.cs231n.classic.Minibatches;
import dev.cs231n.datavec.cifar.Shuffles;
import dev.cs231n.pipelines.io.LossDivergedException;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's {@code Solver} ({@code cs231n/solver.py}): trains a {@link SolverModel} with minibatch gradient descent.
 *
 * <p>Each iteration draws {@code batch_size} training examples uniformly <em>with replacement</em> (the course's
 * {@code np.random.choice(N, batch_size)}), computes {@code loss, grads = model.loss(X_batch, y_batch)} and
 * applies the update rule to every parameter. An epoch is {@code max(N / batch_size, 1)} iterations; after each
 * one the learning rate is multiplied by {@code lr_decay}. The accuracy is checked after the first iteration and
 * after every epoch: on a subsample of {@code num_train_samples} training examples and on the validation set;
 * whenever the validation accuracy beats the best so far, the parameters are copied, and at the end of
 * {@link #train()} the model gets the best ones back. After every epoch the whole state is saved to the
 * checkpoint file, if one is set, atomically ({@link SolverCheckpoint}).
 *
 * <p>Determinism: the minibatches of epoch e come from {@code java.util.Random} seeded with
 * {@code Shuffles.epochSeed(seed, e)}, the accuracy subsample of check k from {@code epochSeed(~seed, k)}; so a
 * run {@link #resume resumed} from the checkpoint of epoch e draws the same examples, and ends with the same
 * parameters, as the uninterrupted run.
 *
 * <pre>{@code
 * SolverSettings s = SolverSettings.builder(new SgdRule()).learningRate(1e-3).lrDecay(0.95).batchSize(200)
 *         .numEpochs(10).seed(42).build();
 * CourseSolver solver = new CourseSolver(model, new SolverData(xTrain, yTrain, xVal, yVal), s)
 *         .checkpointTo(out.resolve("checkpoint.zip")).listener(new ConsoleProgress(System.out));
 * SolverResult r = solver.train();     // or: solver.resume(checkpoint); solver.train();
 * }</pre>
 */
public final class CourseSolver {

    /**
     * The memory of one iteration (the gathered minibatch, activations, gradients, the rules' temporaries): an
     * ND4J workspace reused from step to step, as DL4J's own training loops do, instead of fresh off-heap buffers
     * (several MB per step, whose allocation and first touch cost as much as the arithmetic). Parameters and
     * update states live outside it and are updated in place.
     */
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder().initialSize(0)
            .overallocationLimit(0.05).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.OVER_TIME).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();
    private static final String STEP_ID = "cs231n-solver-step";

    private final SolverModel model;
    private final SolverData data;
    private final SolverSettings settings;
    private final Map<String, UpdateState> states = new LinkedHashMap<>();
    private TrainingState state;
    private Path checkpoint;
    private EpochListener listener = r -> { };
    private Map<String, Object> jobSettings = Map.of();

    /**
     * @param model    the model (its parameters are updated in place)
     * @param data     training and validation data
     * @param settings how to train
     */
    public CourseSolver(SolverModel model, SolverData data, SolverSettings settings) {
        this.model = model;
        this.data = data;
        this.settings = settings;
        model.params().forEach((name, w) -> states.put(name, settings.updateRule().newState(w)));
        this.state = new TrainingState(settings.learningRate());
    }

    /**
     * @param file where to save the state after every epoch (atomically), or null for no checkpoints
     * @return this
     */
    public CourseSolver checkpointTo(Path file) {
        this.checkpoint = file;
        return this;
    }

    /**
     * @param s the settings of the model and data that the solver's own do not cover (e.g. the regularisation,
     *          the hidden size, the weight scale), by name: recorded in the checkpoint, and a {@link #resume} must
     *          have the same (checkpoints written before they were recorded are not checked)
     * @return this
     */
    public CourseSolver recordSettings(Map<String, ?> s) {
        this.jobSettings = new LinkedHashMap<>(s);
        return this;
    }

    /**
     * @param l told about every accuracy check (e.g. {@link ConsoleProgress})
     * @return this
     */
    public CourseSolver listener(EpochListener l) {
        this.listener = l == null ? r -> { } : l;
        return this;
    }

    /**
     * Loads a checkpoint: the model's parameters, the update rule's state and the progress (epoch, learning rate,
     * histories, best parameters). {@link #train()} then continues with the next epoch.
     *
     * @param file a checkpoint written by a solver with the same settings (the number of epochs may differ) on a
     *             model with the same parameters and as many training examples
     * @throws IOException when it is missing, corrupt, or from other settings, another model or another number of
     *                     training examples (the message says which file and what); the solver and model are then
     *                     unchanged
     */
    public void resume(Path file) throws IOException {
        state = SolverCheckpoint.read(file, settings, jobSettings, data.yTrain().length, model.params(), states);
    }

    /** @return iterations per epoch: {@code max(N_train / batch_size, 1)} */
    public int iterationsPerEpoch() {
        return Math.max(data.yTrain().length / settings.batchSize(), 1);
    }

    /** @return epochs completed so far */
    public int epoch() {
        return state.epoch;
    }

    /** @return the current learning rate */
    public double learningRate() {
        return state.learningRate;
    }

    /**
     * Trains the remaining epochs (all of them, or those after the checkpoint {@link #resume} loaded), then puts
     * the best-validation parameters into the model.
     *
     * @return the histories and figures of the whole training
     * @throws IOException            when a checkpoint cannot be written
     * @throws LossDivergedException when a minibatch loss is not finite (training stops there; the checkpoint of
     *                                the last whole epoch stays)
     */
    public SolverResult train() throws IOException {
        long runStart = System.nanoTime();
        double secondsBefore = state.trainSeconds;
        int ipe = iterationsPerEpoch();
        for (int e = state.epoch; e < settings.numEpochs(); e++) {
            long epochStart = System.nanoTime();
            Random rng = new Random(Shuffles.epochSeed(settings.seed(), e));
            for (int i = 0; i < ipe; i++) {
                double loss = step(Minibatches.sampleWithReplacement(data.yTrain().length, settings.batchSize(), rng));
                if (!Double.isFinite(loss)) {
                    throw new LossDivergedException(e + 1, state.iteration + 1, loss);
                }
                state.lossHistory.add(loss);
                state.iteration++;
                if (state.iteration == 1) {
                    check(0, 1, epochStart, runStart);
                }
            }
            state.epoch++;
            state.learningRate *= settings.lrDecay();
            state.trainSeconds = secondsBefore + (System.nanoTime() - runStart) / 1e9;
            check(state.epoch, ipe, epochStart, runStart);
        }
        state.bestParams.forEach((name, best) -> model.params().get(name).assign(best));
        return new SolverResult(toArray(state.lossHistory), toArray(state.trainAccHistory),
                toArray(state.valAccHistory), state.bestValAccuracy, state.bestEpoch, state.epoch, state.iteration,
                state.learningRate, state.trainSeconds);
    }

    /**
     * One iteration of {@link #train()} on chosen training examples: gathers {@code x_train[idx]} and
     * {@code y_train[idx]}, then {@link #step(INDArray, int[])}. Does not count as an iteration of train().
     *
     * @param idx indices into the training set (repeats allowed)
     * @return the minibatch loss before the update
     */
    public double step(int[] idx) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, STEP_ID)) {
            return update(Minibatches.rows(data.xTrain(), idx), Minibatches.labels(data.yTrain(), idx));
        }
    }

    /**
     * One update on a given minibatch: {@code loss, grads = model.loss(x, y)}, then the update rule on every
     * parameter with the current learning rate. Does not count as an iteration of {@link #train()}.
     *
     * @param x minibatch features {@code [B, ...]}
     * @param y its B labels
     * @return the minibatch loss before the update
     */
    public double step(INDArray x, int[] y) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, STEP_ID)) {
            return update(x, y);
        }
    }

    /** The update itself; every array it allocates lives in the step workspace, which the caller has opened. */
    private double update(INDArray x, int[] y) {
        LossAndGrads lg = model.loss(x, y);
        for (Map.Entry<String, INDArray> p : model.params().entrySet()) {
            INDArray dw = lg.grads().get(p.getKey());
            if (dw == null) {
                throw new IllegalStateException("model.loss returned no gradient for parameter " + p.getKey());
            }
            settings.updateRule().update(p.getValue(), dw, state.learningRate, states.get(p.getKey()));
        }
        return lg.loss();
    }

    /**
     * The course's accuracy check and best-parameter bookkeeping; saves the checkpoint at epoch ends, then tells
     * the listener.
     *
     * @param epochLabel epochs completed (0 for the check after the first iteration)
     * @param iterations iterations of the current epoch so far (their losses are averaged for the report)
     * @param epochStart when the current epoch started (nanoTime)
     * @param runStart   when this train() started (nanoTime)
     */
    private void check(int epochLabel, int iterations, long epochStart, long runStart) throws IOException {
        Random rng = new Random(Shuffles.epochSeed(~settings.seed(), epochLabel));
        double trainAcc = SolverAccuracy.sampled(model, data.xTrain(), data.yTrain(), settings.numTrainSamples(), rng);
        double valAcc = SolverAccuracy.sampled(model, data.xVal(), data.yVal(), settings.numValSamples(), rng);
        state.trainAccHistory.add(trainAcc);
        state.valAccHistory.add(valAcc);
        if (valAcc > state.bestValAccuracy) {
            state.bestValAccuracy = valAcc;
            state.bestEpoch = epochLabel;
            state.bestParams.clear();
            model.params().forEach((name, w) -> state.bestParams.put(name, w.dup()));
        }
        if (epochLabel > 0 && checkpoint != null) {
            SolverCheckpoint.write(checkpoint, settings, jobSettings, data.yTrain().length, state, model.params(),
                    states);
        }
        long now = System.nanoTime();
        double seconds = (now - epochStart) / 1e9;
        List<Double> h = state.lossHistory;
        double meanLoss = h.subList(h.size() - iterations, h.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElse(Double.NaN);
        listener.onCheck(new EpochReport(epochLabel, settings.numEpochs(), state.iteration, meanLoss, trainAcc,
                valAcc, state.bestValAccuracy, state.learningRate, seconds,
                (double) iterations * settings.batchSize() / seconds, (now - runStart) / 1e9));
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
