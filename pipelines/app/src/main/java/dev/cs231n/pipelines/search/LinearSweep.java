package dev.cs231n.pipelines.search;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.linear.GridResult;
import dev.cs231n.classic.linear.LinearClassifier;
import dev.cs231n.classic.linear.LinearGrid;
import dev.cs231n.classic.linear.LinearGridSearch;
import dev.cs231n.classic.linear.LinearModel;
import dev.cs231n.classic.linear.LinearModelFile;
import dev.cs231n.classic.linear.SgdSettings;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.searches.generic.NamedValuesSpace;
import dev.cs231n.searches.nets.HyperparameterChoice;
import dev.cs231n.searches.run.SearchSplits;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The linear classifiers' lr x reg grid (the {@code svm}, {@code softmax} and {@code features} jobs) on the search engine. */
public final class LinearSweep {

    private LinearSweep() {
    }

    /**
     * Every setting of the grid trained on the search engine ({@link EngineSweep}: {@code OUT/search.db}, resumable
     * with {@code --resume}), each from the same initial weights on the same minibatch sequence, scored on the
     * validation split; the results in the grid's order (learning rates outer), as {@link LinearGridSearch#run} gives
     * them. A setting whose loss diverged is FAILED in the database and a row without a classifier here.
     *
     * @param name         the sweep's database ({@code OUT/<name>.db}) and models folder ({@code OUT/<name>-models})
     * @param loss         SVM or softmax
     * @param grid         the settings
     * @param xTrain       training features with the bias column, yTrain labels; the same for validation
     * @param preprocessor saved in each candidate's model file
     * @param out          the output folder
     * @return every setting's result, in grid order
     * @throws java.io.IOException  when files cannot be written
     * @throws InterruptedException when interrupted
     */
    public static List<GridResult> run(String name, DataLoss loss, LinearGrid grid, INDArray xTrain, int[] yTrain,
            INDArray xVal, int[] yVal, CifarPreprocessor preprocessor, Path out)
            throws java.io.IOException, InterruptedException {
        Map<String, ParameterSpace<?>> hp = new LinkedHashMap<>();
        Map<String, ParameterSpace<?>> searched = new LinkedHashMap<>();
        hp.put("lr", HyperparameterChoice.values(searched, "lr", grid.learningRates()));
        hp.put("reg", HyperparameterChoice.values(searched, "reg", grid.regs()));
        NamedValuesSpace space = new NamedValuesSpace(hp);
        SpaceCandidates<Map<String, Object>> candidates = SpaceCandidates.of(space, searched, Strategy.grid(2));
        // the test split is not this sweep's: an empty guarded one
        SearchSplits splits = ArraySplits.of(xTrain, yTrain, xVal, yVal, xVal.get(NDArrayIndex.interval(0, 1),
                NDArrayIndex.all()), new int[] {yVal[0]}, 10);
        Path models = out.resolve(name + "-models");
        ClassicTask.Settings settings = new ClassicTask.Settings(grid.iterations(), 1, grid.batchSize(), 1, 1,
                grid.seed());
        ClassicTask.Sink sink = (index, model, losses) -> {
            LinearModelFile.write(SearchSetup.modelFile(models, index),
                    new LinearModel((LinearClassifier) model, preprocessor));
            AtomicFiles.writeString(models.resolve(String.format(Locale.ROOT, "candidate-%04d.loss.txt", index)),
                    java.util.Arrays.stream(losses).mapToObj(Double::toString)
                            .collect(java.util.stream.Collectors.joining("\n")));
        };
        ClassicTask.Kind kind = loss == DataLoss.SVM ? ClassicTask.Kind.SVM : ClassicTask.Kind.SOFTMAX;
        java.nio.file.Files.createDirectories(models);
        List<Candidate> done = EngineSweep.grid(name, space, searched, splits, () -> new ClassicTask(kind,
                candidates::rebuild, splits, settings, sink), out, 1, System.out::println);
        List<GridResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            SgdSettings s = grid.setting(i);
            Candidate c = done.stream().filter(k -> {
                Map<String, Object> v = candidates.rebuild(k.hyperparametersJson());
                return ((Number) v.get("lr")).doubleValue() == s.learningRate()
                        && ((Number) v.get("reg")).doubleValue() == s.reg();
            }).findFirst().orElseThrow(() -> new IllegalStateException("the search holds no candidate for lr "
                    + s.learningRate() + ", reg " + s.reg()));
            double seconds = c.seconds() == null ? 0 : c.seconds();
            if (c.status() != CandidateStatus.COMPLETED) {
                System.out.printf(Locale.ROOT, "  lr %.3g, reg %.3g: %s (%s)%n", s.learningRate(), s.reg(), c.status(),
                        c.error());
                results.add(new GridResult(s, Double.NaN, Double.NaN, new double[] {Double.NaN}, seconds, null));
                continue;
            }
            LinearClassifier classifier = LinearModelFile.read(
                    SearchSetup.modelFile(models, c.index())).classifier();
            double[] history = java.nio.file.Files.readAllLines(models.resolve(String.format(Locale.ROOT,
                    "candidate-%04d.loss.txt", c.index()))).stream().mapToDouble(Double::parseDouble).toArray();
            GridResult r = new GridResult(s, Labels.accuracy(classifier.predict(xTrain), yTrain),
                    c.score(), history, seconds, classifier);
            System.out.printf(Locale.ROOT, "  lr %.3g, reg %.3g: train accuracy %.4f, val accuracy %.4f (%.1f s)%n",
                    s.learningRate(), s.reg(), r.trainAccuracy(), r.valAccuracy(), seconds);
            results.add(r);
        }
        return results;
    }
}
