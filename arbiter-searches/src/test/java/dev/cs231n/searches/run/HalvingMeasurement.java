package dev.cs231n.searches.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.searches.nets.FcNetSpace;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.EpochScore;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * The measurement behind RUNNER.md's "Successive halving" section (not a test: run by hand, see there): on a prefix
 * of the course's CIFAR-10 training split, the fc-net space as the course's two-layer net (one hidden layer of 100,
 * Adam, no norm, no dropout) over a grid of learning rate x L2, first the full grid for {@code maxEpochs} epochs,
 * then successive halving over the same grid; prints epochs used and best validation accuracy of each, the
 * halving candidates' scores against the grid's at the same epoch (continued training equals uninterrupted), and
 * what other (eta, min epochs) settings would have chosen from the grid's per-epoch validation curves.
 *
 * <p>Arguments: {@code BATCHES_DIR OUT_DIR [numTrain=10000] [gridPoints=4] [maxEpochs=9] [eta=3] [minEpochs=1]
 * [scale=1]}: after the mean-image subtraction the pixels are divided by {@code scale} (e.g. 64, about their
 * standard deviation, so that He initialisation and Adam see inputs of unit scale).
 */
public final class HalvingMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HalvingMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path batches = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int numTrain = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int points = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int maxEpochs = args.length > 4 ? Integer.parseInt(args[4]) : 9;
        int eta = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int minEpochs = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        double scale = args.length > 7 ? Double.parseDouble(args[7]) : 1;
        Files.createDirectories(out.resolve("grid"));
        Files.createDirectories(out.resolve("halving"));

        CifarSplits splits = CifarSplits.course(CifarDataset.loadTrain(batches), CifarDataset.loadTest(batches))
                .withTrainPrefix(numTrain);
        MeanImageSubtraction pre = MeanImageSubtraction.fit(splits.train());
        DataSetPreProcessor scaled = ds -> {
            pre.preProcess(ds);
            if (scale != 1) {
                ds.getFeatures().divi(scale);
            }
        };
        SearchSplits data = CifarSearchData.of(splits, scaled, 200, 1, FeatureLayout.FLAT, DataType.FLOAT);
        FcNetSpace fc = FcNetSpace.builder().depth(1, 1).widths(100).lr(2.5e-4, 4e-3).reg(1e-4, 1e-1)
                .batchNorm(false).keepProb(1, 1).seed(1).build();

        // the full grid
        SpaceCandidates<DL4JConfiguration> grid = SpaceCandidates.of(fc.space(), fc.named(), Strategy.grid(points));
        Termination all = new Termination(grid.size(), null);
        List<Candidate> gridResult;
        double gridSeconds;
        try (SearchStore store = SearchStore.open(SearchStore.defaultUrl(out.resolve("grid")),
                new SearchDescription("grid", Objective.MAXIMIZE, grid.spaceJson(), grid.strategy().toJson()))) {
            store.addCandidates(grid.candidates(all));
            data.beginSearch();
            SearchRunner.Result r = SearchRunner.builder(store, () -> new NetworkTask(
                    json -> grid.rebuild(json).getMultiLayerConfiguration(), data, maxEpochs, null))
                    .workers(2).threadsPerWorker(1).build().run();
            data.endSearch();
            gridSeconds = r.seconds();
            gridResult = store.candidates();
            Map<Integer, List<EpochScore>> curves = new HashMap<>();
            for (Candidate c : gridResult) {
                curves.put(c.index(), store.epochScores(c.index()));
            }
            report("full grid", gridResult, grid.names(), store.best().orElseThrow(), gridSeconds);
            simulate(gridResult, curves, maxEpochs);
            // successive halving on the same grid
            Halving h = Strategy.halving(Strategy.grid(points), eta, minEpochs, maxEpochs);
            SuccessiveHalving<DL4JConfiguration> sh = SuccessiveHalving.of(fc.space(), fc.named(), h);
            try (SearchStore hs = SearchStore.open(SearchStore.defaultUrl(out.resolve("halving")),
                    new SearchDescription("halving", Objective.MAXIMIZE, sh.spaceJson(), h.toJson()))) {
                hs.addCandidates(sh.candidates(all));
                ModelFiles models = ModelFiles.in(out.resolve("halving").resolve("models"));
                data.beginSearch();
                SearchRunner.Result hr = SearchRunner.builder(hs, () -> new NetworkTask(
                        json -> sh.rebuild(json).getMultiLayerConfiguration(), data, maxEpochs, models, models))
                        .workers(2).threadsPerWorker(1)
                        .topUp(() -> hs.addCandidates(sh.next(hs.candidates(), all))).build().run();
                data.endSearch();
                List<Candidate> hsResult = hs.candidates();
                report("halving " + h.toJson(), hsResult, sh.names(), sh.best(hsResult).orElseThrow(),
                        hr.seconds());
                double maxDiff = 0;
                for (Candidate c : hsResult) {
                    if (c.status() != CandidateStatus.COMPLETED) {
                        continue;
                    }
                    TrainingBudget b = TrainingBudget.of(c.hyperparametersJson()).orElseThrow();
                    int gridIndex = gridIndexOf(gridResult, c.hyperparametersJson());
                    double g = curves.get(gridIndex).get(b.epochs() - 1).score();
                    maxDiff = Math.max(maxDiff, Math.abs(g - c.score()));
                }
                System.out.printf(Locale.ROOT, "halving candidates vs the grid's same point at the same epoch: "
                        + "max |val difference| %.4f%n", maxDiff);
            }
        }
    }

    private static void report(String what, List<Candidate> cs, List<String> names, Candidate best, double seconds)
            throws Exception {
        int epochs = cs.stream().mapToInt(Candidate::epochs).sum();
        JsonNode hp = JSON.readTree(best.hyperparametersJson());
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(n).append('=').append(hp.get(n)).append(' ');
        }
        System.out.printf(Locale.ROOT, "%s: %d candidates, %d epochs, %.1f s; best candidate %d val %.4f (%s)%n",
                what, cs.size(), epochs, seconds, best.index(), best.score(), b.toString().trim());
    }

    /** What halving with other settings would choose, replayed on the grid's per-epoch validation curves. */
    private static void simulate(List<Candidate> grid, Map<Integer, List<EpochScore>> curves, int maxEpochs) {
        double gridBest = grid.stream().mapToDouble(Candidate::score).max().orElseThrow();
        int[][] settings = {{2, 1}, {3, 1}, {3, 2}, {3, 3}, {4, 1}, {2, 2}};
        for (int[] s : settings) {
            Halving h = new Halving(Strategy.grid(1), s[0], s[1], maxEpochs);
            List<Integer> rung = new ArrayList<>();
            grid.forEach(c -> rung.add(c.index()));
            long epochs = (long) rung.size() * h.budget(0);
            for (int r = 0; r < h.lastRung(); r++) {
                int e = h.budget(r);
                List<Integer> ranked = new ArrayList<>(rung);
                ranked.sort((a, b) -> {
                    int c = Double.compare(curves.get(b).get(e - 1).score(), curves.get(a).get(e - 1).score());
                    return c != 0 ? c : Integer.compare(a, b);
                });
                rung.clear();
                rung.addAll(ranked.subList(0, h.promotions(ranked.size())));
                epochs += (long) rung.size() * (h.budget(r + 1) - e);
            }
            double best = rung.stream().mapToDouble(i -> curves.get(i).get(maxEpochs - 1).score()).max()
                    .orElseThrow();
            System.out.printf(Locale.ROOT, "replayed on the grid's curves: eta %d, min epochs %d: %d epochs "
                    + "(%.0f %% of %d), best val %.4f (grid's best %.4f)%n", s[0], s[1], epochs,
                    100.0 * epochs / (grid.size() * maxEpochs), grid.size() * maxEpochs, best, gridBest);
        }
    }

    private static int gridIndexOf(List<Candidate> grid, String json) throws Exception {
        JsonNode p = JSON.readTree(json).get(SpaceCandidates.POINT);
        for (Candidate c : grid) {
            if (JSON.readTree(c.hyperparametersJson()).get(SpaceCandidates.POINT).equals(p)) {
                return c.index();
            }
        }
        throw new IllegalStateException("no grid point " + p);
    }
}
