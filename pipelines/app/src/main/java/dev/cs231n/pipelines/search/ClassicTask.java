package dev.cs231n.pipelines.search;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.linear.LinearClassifier;
import dev.cs231n.classic.linear.SgdSettings;
import dev.cs231n.classic.linear.SgdTrainer;
import dev.cs231n.classic.net.TwoLayerNet;
import dev.cs231n.classic.solver.CourseSolver;
import dev.cs231n.classic.solver.SolverData;
import dev.cs231n.classic.solver.SolverSettings;
import dev.cs231n.classic.solver.UpdateRuleKind;
import dev.cs231n.searches.run.SearchSplits;
import dev.cs231n.searches.store.CandidateTask;
import dev.cs231n.searches.store.TrialContext;

/**
 * The course's from-scratch classifiers as a search task (Arbiter's generic API: the candidate is a
 * {@code NamedValuesSpace} value, a map of named hyperparameters): the linear SVM and softmax
 * ({@link SgdTrainer}, minibatch SGD for {@code iterations} steps; the validation accuracy at the end is the one
 * reported epoch) and the hand-derived two-layer net (the course Solver, plain SGD with learning-rate decay; the
 * validation accuracy after every epoch is reported, and the best epoch's parameters, which the Solver keeps, are the
 * candidate's model and score, as in the course). Hyperparameters read from the map: {@code lr}, {@code reg}, and
 * for the net {@code hidden}; the rest are the task's fixed settings. The test split is never read here.
 */
public final class ClassicTask implements CandidateTask {

    /** The classifiers. */
    public enum Kind {
        /** Linear SVM (multiclass hinge loss). */
        SVM,
        /** Softmax (linear, cross-entropy). */
        SOFTMAX,
        /** The hand-derived two-layer net with the course Solver. */
        TWO_LAYER
    }

    /** Where a completed candidate's model goes: a {@link LinearClassifier} or a {@link TwoLayerNet}. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param candidateIndex the candidate
         * @param model          its trained model
         * @param lossHistory    its minibatch losses (the linear classifiers' SGD steps; the net's iterations)
         * @throws Exception when it cannot be kept (the candidate fails)
         */
        void accept(int candidateIndex, Object model, double[] lossHistory) throws Exception;
    }

    /** The fixed settings of a classic search. */
    public record Settings(int iterations, int epochs, int batchSize, double lrDecay, double weightScale, long seed) {
    }

    private final Kind kind;
    private final Function<String, Map<String, Object>> values;
    private final SearchSplits data;
    private final Settings settings;
    private final Sink sink;
    private ArraySplits.Arrays train;
    private ArraySplits.Arrays val;

    /**
     * @param kind     which classifier
     * @param values   the candidate's named hyperparameters from its stored JSON (the space's value)
     * @param data     array splits ({@link ArraySplits}); linear classifiers need the bias column in the features
     * @param settings fixed settings
     * @param sink     receives each completed candidate's model, or null
     */
    public ClassicTask(Kind kind, Function<String, Map<String, Object>> values, SearchSplits data, Settings settings,
            Sink sink) {
        this.kind = kind;
        this.values = values;
        this.data = data;
        this.settings = settings;
        this.sink = sink;
    }

    @Override
    public double run(String hyperparametersJson, TrialContext context) throws Exception {
        if (train == null) {
            train = ArraySplits.arrays(data.train());
            val = ArraySplits.arrays(data.validation());
        }
        Map<String, Object> v = values.apply(hyperparametersJson);
        double lr = number(v, "lr");
        double reg = number(v, "reg");
        int classes = 10;
        if (kind == Kind.TWO_LAYER) {
            int hidden = (int) number(v, "hidden");
            TwoLayerNet net = TwoLayerNet.create((int) train.x().size(1), hidden, classes, settings.weightScale(), reg,
                    train.x().dataType(), settings.seed());
            SolverSettings s = SolverSettings.builder(UpdateRuleKind.SGD.create()).learningRate(lr)
                    .lrDecay(settings.lrDecay()).batchSize(settings.batchSize()).numEpochs(settings.epochs())
                    .seed(settings.seed()).build();
            double[] best = {Double.NaN};
            CourseSolver solver = new CourseSolver(net, new SolverData(train.x(), train.y(), val.x(), val.y()), s)
                    .listener(r -> {
                        if (r.epoch() >= 1) {
                            if (!Double.isFinite(r.meanLoss())) {
                                throw new ArithmeticException("candidate " + context.candidateIndex()
                                        + ": the training loss is " + r.meanLoss() + " at epoch " + r.epoch());
                            }
                            context.reportEpoch(r.epoch(), r.valAccuracy());
                            best[0] = r.bestValAccuracy();
                        }
                    });
            double[] losses = solver.train().lossHistory();
            if (sink != null) {
                sink.accept(context.candidateIndex(), net, losses);
            }
            return best[0];
        }
        DataLoss loss = kind == Kind.SVM ? DataLoss.SVM : DataLoss.SOFTMAX;
        LinearClassifier c = LinearClassifier.initialised(loss, (int) train.x().size(1), classes, train.x().dataType(),
                settings.seed());
        double[] history = SgdTrainer.train(c, train.x(), train.y(), new SgdSettings(lr, reg, settings.iterations(),
                settings.batchSize(), settings.seed()), settings.iterations(), line -> { });
        double last = history.length == 0 ? Double.NaN : history[history.length - 1];
        if (!Double.isFinite(last)) {
            throw new ArithmeticException(String.format(Locale.ROOT, "candidate %d: the training loss is %s after "
                    + "%d iterations (lr %.3g, reg %.3g)", context.candidateIndex(), last, history.length, lr, reg));
        }
        double accuracy = Labels.accuracy(c.predict(val.x()), val.y());
        context.reportEpoch(1, accuracy);
        if (sink != null) {
            sink.accept(context.candidateIndex(), c, history);
        }
        return accuracy;
    }

    private static double number(Map<String, Object> v, String name) {
        Object o = v.get(name);
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("the candidate has no numeric '" + name + "': " + v);
        }
        return n.doubleValue();
    }
}
