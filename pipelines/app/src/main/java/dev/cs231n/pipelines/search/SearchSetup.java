package dev.cs231n.pipelines.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.features.FeatureExtractor;
import dev.cs231n.classic.linear.LinearClassifier;
import dev.cs231n.classic.linear.LinearModel;
import dev.cs231n.classic.linear.LinearModelFile;
import dev.cs231n.classic.net.TwoLayerModelZip;
import dev.cs231n.classic.net.TwoLayerNet;
import dev.cs231n.classic.solver.SolverAccuracy;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.BiasTrick;
import dev.cs231n.datavec.cifar.preprocess.ChannelStandardization;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.datavec.cifar.preprocess.PreprocessorChain;
import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.data.CourseArrays;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.train.CifarAccuracy;
import dev.cs231n.searches.generic.NamedValuesSpace;
import dev.cs231n.searches.nets.FcNetSpace;
import dev.cs231n.searches.nets.HyperparameterChoice;
import dev.cs231n.searches.nets.TwoLayerSpace;
import dev.cs231n.searches.run.CifarSearchData;
import dev.cs231n.searches.run.Halving;
import dev.cs231n.searches.run.ModelFiles;
import dev.cs231n.searches.run.NetworkTask;
import dev.cs231n.searches.run.SuccessiveHalving;
import dev.cs231n.searches.run.SearchSplits;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.store.CandidateTask;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One {@code --space} of {@code ./cs231n search} made ready: its Arbiter space and names, its data as guarded
 * {@link SearchSplits} (train and validation for the candidates; the test split closed during the search), a task
 * per worker, and the evaluation of the best candidate's saved model on the test split (read once, after the
 * search) with the {@code model.zip} it publishes.
 *
 * <ul>
 *   <li>Networks ({@code two-layer}, {@code fc-net}, {@code cnn} on pixels; {@code features-net} on the HOG + hue
 *       features standardised on train): {@link NetworkTask}; each candidate's network in
 *       {@code models/candidate-NNNN.zip} (ModelSerializer); pixels' {@code model.zip} carries its preprocessing.</li>
 *   <li>The from-scratch classifiers ({@code svm}, {@code softmax}: mean image and bias column, as the {@code svm}
 *       job; {@code two-layer-classic}: mean image, as the {@code two-layer} job): {@link NamedValuesSpace} +
 *       {@link ClassicTask}; models as {@link LinearModelFile} / {@link TwoLayerModelZip}.</li>
 * </ul>
 */
public final class SearchSetup {

    /** The command line's settings of the spaces (null where the space's default applies). */
    public record Options(Integer epochs, int batch, long seed, int[] depth, int[] widths, double[] lrs,
            double[] lrRange, double[] regs, double[] regRange, int[] hidden, int[] hiddenRange, boolean[] norms,
            double[] keepRange, Double momentum, double lrDecay, double weightScale, int iterations) {
    }

    /** The best candidate on the test split. */
    public record TestResult(double test, double test10k) {
    }

    /** Evaluates a candidate's saved model file once, after the search, and publishes it as {@code model.zip}. */
    @FunctionalInterface
    private interface Tester {
        TestResult test(Path candidateFile, Path modelZip) throws IOException;
    }

    private final SearchSpaceKind kind;
    private final ParameterSpace<?> space;
    private final Map<String, ParameterSpace<?>> named;
    private final SearchSplits data;
    private final Function<SpaceCandidates<?>, CandidateTask> tasks;
    private final Tester tester;
    private SpaceCandidates<?> candidates;

    private SearchSetup(SearchSpaceKind kind, ParameterSpace<?> space, Map<String, ParameterSpace<?>> named,
            SearchSplits data, Function<SpaceCandidates<?>, CandidateTask> tasks, Tester tester) {
        this.kind = kind;
        this.space = space;
        this.named = named;
        this.data = data;
        this.tasks = tasks;
        this.tester = tester;
    }

    /** @return the space searched */
    public SearchSpaceKind kind() {
        return kind;
    }

    /**
     * @param strategy grid, random or genetic
     * @return the candidates of this space under the strategy (made once)
     */
    public SpaceCandidates<?> candidates(Strategy strategy) {
        if (candidates == null) {
            candidates = SpaceCandidates.of(space, named, strategy);
        }
        return candidates;
    }

    /**
     * @param halving successive halving over a grid or random base
     * @return the halving candidates of this space (networks only; their base is this setup's candidates)
     * @throws IllegalArgumentException for the from-scratch classifiers, which do not train by epochs here
     */
    public SuccessiveHalving<?> halving(Halving halving) {
        if (kind == SearchSpaceKind.SVM || kind == SearchSpaceKind.SOFTMAX
                || kind == SearchSpaceKind.TWO_LAYER_CLASSIC) {
            throw new IllegalArgumentException("--strategy halving continues DL4J networks from their saved state; "
                    + "use it with two-layer, fc-net, cnn or features-net, not " + kind.id());
        }
        SuccessiveHalving<?> sh = SuccessiveHalving.of(space, named, halving);
        candidates = sh.base();
        return sh;
    }

    /** @return the guarded splits */
    public SearchSplits data() {
        return data;
    }

    /** @return a new task for one worker (after {@link #candidates(Strategy)}) */
    public CandidateTask newTask() {
        return tasks.apply(candidates);
    }

    /**
     * @param candidateFile the best candidate's model in {@code models/}
     * @param modelZip      where its published copy goes
     * @return its test accuracies (the course's 1,000 test images and all 10,000)
     * @throws IOException when the file cannot be read or written
     */
    public TestResult test(Path candidateFile, Path modelZip) throws IOException {
        return tester.test(candidateFile, modelZip);
    }

    /**
     * @param kind   the space
     * @param o      the command line's settings
     * @param splits the course's splits
     * @param models the folder of the candidates' models
     * @return the space made ready (data loaded, preprocessing fitted on train)
     * @throws IOException when data cannot be read
     */
    public static SearchSetup of(SearchSpaceKind kind, Options o, CifarSplits splits, Path models)
            throws IOException {
        int epochs = o.epochs() != null ? o.epochs() : kind.defaultEpochs();
        Map<String, ParameterSpace<?>> named = new LinkedHashMap<>();
        return switch (kind) {
            case TWO_LAYER -> {
                MultiLayerSpace space = TwoLayerSpace.of(3072, 10, hidden(named, o, new int[] {100}, null),
                        lr(named, o, new double[] {5e-4, 1e-3, 2e-3}, null),
                        reg(named, o, new double[] {0.1, 0.27, 0.43, 0.6}, null), o.weightScale(), o.lrDecay(),
                        o.momentum() == null ? 0 : o.momentum(), o.seed());
                yield pixels(kind, space, named, splits, o, epochs, models, FeatureLayout.FLAT,
                        MeanImageSubtraction.fit(splits.train()));
            }
            case FC_NET -> {
                int[] d = o.depth();
                double[] lr = o.lrRange() != null ? o.lrRange() : new double[] {1e-4, 1e-2};
                double[] reg = o.regRange() != null ? o.regRange() : new double[] {1e-5, 1e-1};
                FcNetSpace fc = FcNetSpace.builder().depth(d[0], d[1])
                        .widths(o.widths() != null ? o.widths() : new int[] {64, 128, 256}).lr(lr[0], lr[1])
                        .reg(reg[0], reg[1]).batchNorm(o.norms()).keepProb(o.keepRange()[0], o.keepRange()[1])
                        .seed(o.seed()).build();
                yield pixels(kind, fc.space(), new LinkedHashMap<>(fc.named()), splits, o, epochs, models,
                        FeatureLayout.FLAT, MeanImageSubtraction.fit(splits.train()));
            }
            case CNN -> {
                OneDnnHelpers.enable();
                MultiLayerSpace space = CnnSpace.of(named, o.widths() != null ? o.widths() : new int[] {16, 32},
                        o.norms(), lr(named, o, null, new double[] {1e-4, 3e-3}),
                        reg(named, o, null, new double[] {1e-5, 1e-2}), o.seed());
                yield pixels(kind, space, named, splits, o, epochs, models, FeatureLayout.NCHW,
                        ChannelStandardization.fit(splits.train()));
            }
            case FEATURES_NET -> features(kind, named, o, splits, epochs, models);
            case SVM, SOFTMAX, TWO_LAYER_CLASSIC -> classic(kind, named, o, splits, epochs, models);
        };
    }

    private static SearchSetup pixels(SearchSpaceKind kind, MultiLayerSpace space,
            Map<String, ParameterSpace<?>> named, CifarSplits splits, Options o, int epochs, Path models,
            FeatureLayout layout, CifarPreprocessor pre) {
        SearchSplits data = CifarSearchData.of(splits, pre, o.batch(), o.seed(), layout, DataType.FLOAT);
        ModelFiles sink = networkSink(models);
        return new SearchSetup(kind, space, named, data, c -> new NetworkTask(
                json -> ((DL4JConfiguration) c.rebuild(json)).getMultiLayerConfiguration(), data, epochs, sink, sink),
                (file, zip) -> {
                    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
                    double test = NetworkTask.accuracy(net, data.test());
                    double test10k = new CifarAccuracy(splits.testFull(), layout, DataType.FLOAT, pre).of(net);
                    AtomicFiles.write(zip, out -> ModelSerializer.writeModel(net, out, false));
                    ModelZipPreprocessors.save(zip.toFile(), pre);
                    return new TestResult(test, test10k);
                });
    }

    private static SearchSetup features(SearchSpaceKind kind, Map<String, ParameterSpace<?>> named, Options o,
            CifarSplits splits, int epochs, Path models) {
        FeatureExtractor fx = FeatureExtractor.course();
        long t0 = System.nanoTime();
        INDArray train = fx.extract(splits.train(), "features train");
        INDArray val = fx.extract(splits.val(), "features val");
        INDArray test = fx.extract(splits.test(), "features test");
        INDArray mean = train.mean(0);
        INDArray std = train.std(false, 0).addi(1e-8);
        for (INDArray x : java.util.List.of(train, val, test)) {
            x.subiRowVector(mean).diviRowVector(std);
        }
        System.out.printf(Locale.ROOT, "features-net: %d features of %d + %d + %d images in %.1f s (standardised on "
                + "train)%n", fx.size(), train.size(0), val.size(0), test.size(0), (System.nanoTime() - t0) / 1e9);
        DataSet trainSet = ArraySplits.dataSet(train.castTo(DataType.FLOAT), splits.train().labels(), 10);
        DataSet valSet = ArraySplits.dataSet(val.castTo(DataType.FLOAT), splits.val().labels(), 10);
        DataSet testSet = ArraySplits.dataSet(test.castTo(DataType.FLOAT), splits.test().labels(), 10);
        SearchSplits data = SearchSplits.of(() -> new ShuffledArrays(trainSet, o.batch(), true, o.seed()),
                () -> new ShuffledArrays(valSet, 500, false, 0), () -> new ShuffledArrays(testSet, 500, false, 0));
        MultiLayerSpace space = TwoLayerSpace.of(fx.size(), 10, hidden(named, o, null, new int[] {400, 600}),
                lr(named, o, null, new double[] {1e-3, 1e-1}), reg(named, o, null, new double[] {1e-5, 1e-3}),
                o.weightScale(), o.lrDecay(), o.momentum() == null ? 0.9 : o.momentum(), o.seed());
        ModelFiles sink = networkSink(models);
        return new SearchSetup(kind, space, named, data, c -> new NetworkTask(
                json -> ((DL4JConfiguration) c.rebuild(json)).getMultiLayerConfiguration(), data, epochs, sink, sink),
                (file, zip) -> {
                    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
                    double acc = NetworkTask.accuracy(net, data.test());
                    INDArray full = fx.extract(splits.testFull(), "features test (10,000)");
                    full.subiRowVector(mean).diviRowVector(std);
                    int[] pred = Nd4j.argMax(net.output(full.castTo(DataType.FLOAT), false), 1).toIntVector();
                    double acc10k = Labels.accuracy(pred, splits.testFull().labels());
                    AtomicFiles.write(zip, out -> ModelSerializer.writeModel(net, out, false));
                    return new TestResult(acc, acc10k);
                });
    }

    private static SearchSetup classic(SearchSpaceKind kind, Map<String, ParameterSpace<?>> named, Options o,
            CifarSplits splits, int epochs, Path models) {
        boolean linear = kind != SearchSpaceKind.TWO_LAYER_CLASSIC;
        CourseArrays a = CourseArrays.of(splits, FeatureLayout.FLAT, DataType.FLOAT, linear
                ? d -> PreprocessorChain.of(MeanImageSubtraction.fit(d), BiasTrick.INSTANCE)
                : MeanImageSubtraction::fit);
        SearchSplits data = ArraySplits.of(a.train().x(), a.train().y(), a.val().x(), a.val().y(), a.test().x(),
                a.test().y(), 10);
        Map<String, ParameterSpace<?>> hp = new LinkedHashMap<>();
        if (linear) {
            hp.put("lr", lr(named, o, new double[] {1e-7, 2e-7, 5e-7, 1e-6}, null));
            hp.put("reg", reg(named, o, new double[] {1e3, 2.5e3, 5e3, 1e4, 2.5e4, 5e4}, null));
        } else {
            hp.put("lr", lr(named, o, new double[] {5e-4, 1e-3, 2e-3}, null));
            hp.put("reg", reg(named, o, new double[] {0.1, 0.27, 0.43, 0.6}, null));
            hp.put("hidden", hidden(named, o, new int[] {100}, null));
        }
        NamedValuesSpace space = new NamedValuesSpace(hp);
        ClassicTask.Kind k = switch (kind) {
            case SVM -> ClassicTask.Kind.SVM;
            case SOFTMAX -> ClassicTask.Kind.SOFTMAX;
            default -> ClassicTask.Kind.TWO_LAYER;
        };
        ClassicTask.Settings settings = new ClassicTask.Settings(o.iterations(), epochs, o.batch(), o.lrDecay(),
                o.weightScale(), o.seed());
        CifarPreprocessor pre = a.preprocessor();
        ClassicTask.Sink sink = (index, model, losses) -> {
            Path file = modelFile(models, index);
            if (model instanceof LinearClassifier c) {
                LinearModelFile.write(file, new LinearModel(c, pre));
            } else {
                TwoLayerModelZip.write(file, (TwoLayerNet) model, pre);
            }
        };
        return new SearchSetup(kind, space, named, data, c -> new ClassicTask(k, json -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) c.rebuild(json);
            return v;
        }, data, settings, sink), (file, zip) -> {
            ArraySplits.Arrays test = ArraySplits.arrays(data.test());
            double acc;
            double acc10k;
            if (linear) {
                LinearClassifier c = LinearModelFile.read(file).classifier();
                acc = Labels.accuracy(c.predict(test.x()), test.y());
                acc10k = Labels.accuracy(c.predict(a.testFull().x()), a.testFull().y());
            } else {
                TwoLayerNet net = TwoLayerModelZip.read(file).net();
                acc = SolverAccuracy.of(net, test.x(), test.y());
                acc10k = SolverAccuracy.of(net, a.testFull().x(), a.testFull().y());
            }
            AtomicFiles.write(zip, out -> Files.copy(file, out));
            return new TestResult(acc, acc10k);
        });
    }

    /**
     * @param models the folder of the candidates' models
     * @param index  a candidate
     * @return its model file, {@code models/candidate-NNNN.zip}
     */
    public static Path modelFile(Path models, int index) {
        return models.resolve(String.format(Locale.ROOT, "candidate-%04d.zip", index));
    }

    /** Saved with the updater state, so that a halving search's promoted candidates continue them. */
    private static ModelFiles networkSink(Path models) {
        return ModelFiles.in(models);
    }

    private static ParameterSpace<Double> lr(Map<String, ParameterSpace<?>> named, Options o, double[] values,
            double[] range) {
        return choice(named, "lr", o.lrs(), o.lrRange(), values, range);
    }

    private static ParameterSpace<Double> reg(Map<String, ParameterSpace<?>> named, Options o, double[] values,
            double[] range) {
        return choice(named, "reg", o.regs(), o.regRange(), values, range);
    }

    private static ParameterSpace<Double> choice(Map<String, ParameterSpace<?>> named, String name, double[] given,
            double[] givenRange, double[] values, double[] range) {
        if (givenRange != null) {
            return HyperparameterChoice.logUniform(named, name, givenRange[0], givenRange[1]);
        }
        if (given != null) {
            return HyperparameterChoice.values(named, name, given);
        }
        return values != null ? HyperparameterChoice.values(named, name, values)
                : HyperparameterChoice.logUniform(named, name, range[0], range[1]);
    }

    private static ParameterSpace<Integer> hidden(Map<String, ParameterSpace<?>> named, Options o, int[] values,
            int[] range) {
        if (o.hiddenRange() != null) {
            return HyperparameterChoice.sizeRange(named, "hidden", o.hiddenRange()[0], o.hiddenRange()[1]);
        }
        if (o.hidden() != null) {
            return HyperparameterChoice.sizes(named, "hidden", o.hidden());
        }
        return values != null ? HyperparameterChoice.sizes(named, "hidden", values)
                : HyperparameterChoice.sizeRange(named, "hidden", range[0], range[1]);
    }
}
