package dev.cs231n.pipelines.jobs;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.features.FeatureExtractor;
import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.linear.GridResult;
import dev.cs231n.classic.linear.LinearGrid;
import dev.cs231n.classic.linear.LinearGridSearch;
import dev.cs231n.classic.net.TwoLayerNet;
import dev.cs231n.classic.solver.CourseSolver;
import dev.cs231n.classic.solver.SolverAccuracy;
import dev.cs231n.classic.solver.SolverData;
import dev.cs231n.classic.solver.SolverResult;
import dev.cs231n.classic.solver.SolverSettings;
import dev.cs231n.classic.solver.UpdateRuleKind;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.preprocess.BiasTrick;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.search.ArraySplits;
import dev.cs231n.pipelines.search.ClassicTask;
import dev.cs231n.pipelines.search.EngineSweep;
import dev.cs231n.pipelines.search.LinearSweep;
import dev.cs231n.pipelines.search.SearchSetup;
import dev.cs231n.searches.generic.NamedValuesSpace;
import dev.cs231n.searches.nets.HyperparameterChoice;
import dev.cs231n.searches.run.SearchSplits;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.classic.net.TwoLayerModelZip;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.indexing.NDArrayIndex;
import dev.cs231n.pipelines.io.Metrics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n features}: the course's image-features exercise. HOG (144) + hue histogram (10) = 154 features
 * per image, standardised with the training split's per-feature mean and std; then a linear SVM (bias column
 * appended; lr x reg grid on val) and a two-layer net (hidden 500 by default; lr x reg grid on val, the course's
 * Solver), each evaluated once on the test split with its best setting. Writes metrics.json
 * ({@code svm_val_accuracy}, {@code svm_test_accuracy}, {@code net_val_accuracy}, {@code net_test_accuracy}, the
 * chosen hyperparameters, feature seconds).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "HOG + hue-histogram features; linear SVM and two-layer net on them.")
public final class FeaturesJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--svm-lrs", split = ",", defaultValue = "1e-3,3e-3,1e-2",
            description = "SVM learning rates (default: ${DEFAULT-VALUE}).")
    private double[] svmLrs;

    @Range(min = 0)
    @Option(names = "--svm-regs", split = ",", defaultValue = "1e-3,1e-2,1e-1",
            description = "SVM regularisation strengths (default: ${DEFAULT-VALUE}).")
    private double[] svmRegs;

    @Range(min = 1)
    @Option(names = "--svm-iterations", paramLabel = "N", defaultValue = "1500",
            description = "SGD steps of the SVM per setting (default: ${DEFAULT-VALUE}).")
    private int svmIterations;

    @Range(min = 1)
    @Option(names = "--hidden", defaultValue = "500",
            description = "Hidden units of the net (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--net-lrs", split = ",", defaultValue = "0.1,0.3",
            description = "Net learning rates (default: ${DEFAULT-VALUE}).")
    private double[] netLrs;

    @Range(min = 0)
    @Option(names = "--net-regs", split = ",", defaultValue = "1e-4,1e-3",
            description = "Net regularisation strengths (default: ${DEFAULT-VALUE}).")
    private double[] netRegs;

    @Range(min = 1)
    @Option(names = "--net-epochs", defaultValue = "15", description = "Net epochs (default: ${DEFAULT-VALUE}).")
    private int netEpochs;

    @Range(min = 1, max = 49000)
    @Option(names = "--num-train", paramLabel = "N", defaultValue = "49000",
            description = "Extract features of and train on the first N of the course's 49,000 training images, for "
                    + "quick runs (default: ${DEFAULT-VALUE}).")
    private int numTrain;

    @Option(names = "--resume", description = "Continue the two grids in OUT/svm-search.db and OUT/net-search.db: "
            + "settings already trained are kept (the grids must be the same); features are computed again.")
    private boolean resume;

    @Override
    public Integer call() throws Exception {
        CifarSplits s = common.courseSplits(numTrain);
        FeatureExtractor fx = FeatureExtractor.course();
        long t0 = System.nanoTime();
        INDArray train = fx.extract(s.train(), "features train");
        INDArray val = fx.extract(s.val(), "features val");
        INDArray test = fx.extract(s.test(), "features test");
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        INDArray mean = train.mean(0);
        INDArray std = train.std(false, 0).addi(1e-8);
        for (INDArray x : List.of(train, val, test)) {
            x.subiRowVector(mean).diviRowVector(std);
        }
        int[] yTrain = s.train().labels();
        int[] yVal = s.val().labels();
        int[] yTest = s.test().labels();
        Metrics m = new Metrics().put("feature_dim", fx.size()).put("feature_seconds", featureSeconds)
                .put("num_train", numTrain).put("svm_iterations", svmIterations);

        // Linear SVM on [features, 1] (the bias trick).
        BiasTrick bias = BiasTrick.INSTANCE;
        List<GridResult> grid = LinearSweep.run("svm-search", DataLoss.SVM, new LinearGrid(svmLrs, svmRegs,
                svmIterations, 200, common.seed()), bias.transform(train), yTrain, bias.transform(val), yVal, bias,
                common.out());
        GridResult bestSvm = LinearGridSearch.best(grid.stream().filter(r -> r.classifier() != null).toList());
        double svmTest = Labels.accuracy(bestSvm.classifier().predict(bias.transform(test)), yTest);
        m.put("svm_val_accuracy", bestSvm.valAccuracy()).put("svm_test_accuracy", svmTest)
                .put("svm_best_lr", bestSvm.settings().learningRate()).put("svm_best_reg", bestSvm.settings().reg());
        System.out.printf(Locale.ROOT, "svm: best lr %.3g reg %.3g: val %.4f, test %.4f%n",
                bestSvm.settings().learningRate(), bestSvm.settings().reg(), bestSvm.valAccuracy(), svmTest);

        // Two-layer net on the features: the lr x reg grid on the search engine (OUT/net-search.db).
        Map<String, ParameterSpace<?>> hp = new LinkedHashMap<>();
        Map<String, ParameterSpace<?>> searched = new LinkedHashMap<>();
        hp.put("lr", HyperparameterChoice.values(searched, "lr", netLrs));
        hp.put("reg", HyperparameterChoice.values(searched, "reg", netRegs));
        hp.put("hidden", HyperparameterChoice.sizes(searched, "hidden", hidden));
        NamedValuesSpace space = new NamedValuesSpace(hp);
        SpaceCandidates<Map<String, Object>> candidates = SpaceCandidates.of(space, searched, Strategy.grid(2));
        INDArray trainF = train.castTo(DataType.FLOAT);
        INDArray valF = val.castTo(DataType.FLOAT);
        SearchSplits splits = ArraySplits.of(trainF, yTrain, valF, yVal, valF.get(NDArrayIndex.interval(0, 1),
                NDArrayIndex.all()), new int[] {yVal[0]}, 10);
        Path models = common.out().resolve("net-search-models");
        ClassicTask.Settings settings = new ClassicTask.Settings(0, netEpochs, 200, 0.95,
                TwoLayerNet.DEFAULT_WEIGHT_SCALE, common.seed());
        ClassicTask.Sink sink = (index, model, losses) -> TwoLayerModelZip.write(SearchSetup.modelFile(models, index),
                (TwoLayerNet) model, null);
        List<Candidate> done = EngineSweep.grid("net-search", space, searched, splits, () -> new ClassicTask(
                ClassicTask.Kind.TWO_LAYER, candidates::rebuild, splits, settings, sink), common.out(), 1,
                System.out::println);
        double bestVal = -1;
        TwoLayerNet bestNet = null;
        double bestLr = 0;
        double bestReg = 0;
        for (Candidate c : done) {
            Map<String, Object> v = candidates.rebuild(c.hyperparametersJson());
            if (c.status() != CandidateStatus.COMPLETED) {
                System.out.printf(Locale.ROOT, "net %s: %s (%s)%n", v, c.status(), c.error());
                continue;
            }
            System.out.printf(Locale.ROOT, "net lr %.3g reg %.3g: best val %.4f%n", v.get("lr"), v.get("reg"),
                    c.score());
            if (c.score() > bestVal) {
                bestVal = c.score();
                bestNet = TwoLayerModelZip.read(SearchSetup.modelFile(models, c.index())).net();
                bestLr = ((Number) v.get("lr")).doubleValue();
                bestReg = ((Number) v.get("reg")).doubleValue();
            }
        }
        if (bestNet == null) {
            throw new IllegalStateException("features: no net setting completed (errors in " + common.out()
                    .resolve("net-search.db") + ")");
        }
        double netTest = SolverAccuracy.of(bestNet, test.castTo(DataType.FLOAT), yTest);
        m.put("net_val_accuracy", bestVal).put("net_test_accuracy", netTest).put("net_best_lr", bestLr)
                .put("net_best_reg", bestReg).put("net_hidden", hidden);
        System.out.printf(Locale.ROOT, "net: best lr %.3g reg %.3g: val %.4f, test %.4f%n", bestLr, bestReg, bestVal,
                netTest);
        System.out.println("wrote " + m.write(common.out()));
        return 0;
    }
}
