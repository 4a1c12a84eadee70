package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.cli.Range;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.search.SearchSetup;
import dev.cs231n.pipelines.search.SearchSpaceKind;
import dev.cs231n.pipelines.train.CifarAccuracy;
import dev.cs231n.searches.nets.FcNetSpace;
import dev.cs231n.searches.run.CifarSearchData;
import dev.cs231n.searches.run.NetworkTask;
import dev.cs231n.searches.run.SearchRunner;
import dev.cs231n.searches.run.SearchSplits;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.run.SuccessiveHalving;
import dev.cs231n.searches.run.TrainingBudget;
import dev.cs231n.searches.run.Termination;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n search}: an Arbiter hyperparameter search whose search and candidates live in a database
 * ({@code --storage}, by default SQLite {@code OUT/search.db}). Candidates (Arbiter's grid, random or genetic
 * generator over the space; genetic: generation by generation) train on the course's training split and are scored
 * by their validation accuracy after every epoch; the test split is read once, for the best candidate, after the
 * search. {@code --resume} (or another process given the same {@code --storage}) starts a worker on the existing
 * search; a store holding another search (other space or strategy) is refused with the store's message. Writes
 * {@code metrics.json}, {@code candidates.csv} (the store's export), {@code model.zip} (the best candidate, with its
 * preprocessing) and each completed candidate's network under {@code models/}.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Hyperparameter search (Arbiter grid/random/genetic) stored in SQLite or PostgreSQL; "
                + "--resume continues.")
public final class SearchJob implements Callable<Integer> {

    /** The folder of the candidates' networks in {@code --out}. */
    public static final String MODELS = "models";

    private static final ObjectMapper JSON = new ObjectMapper();

    private int threads;

    private SuccessiveHalving<?> halving;

    @Mixin
    private CommonOptions common;

    @Option(names = {"--space", "--model"}, paramLabel = "SPACE", defaultValue = "two-layer",
            description = "What is searched: two-layer, fc-net, cnn, features-net, svm, softmax, two-layer-classic "
                    + "(default: ${DEFAULT-VALUE}).")
    private String space;

    /** The strategies of the command line. */
    enum StrategyOption {
        GRID, RANDOM, GENETIC, HALVING
    }

    @Option(names = "--strategy", defaultValue = "grid",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; with the default space: the course's "
                    + "grid). halving: successive halving over --halving-base (networks only).")
    private StrategyOption strategy;

    @Option(names = "--halving-base", defaultValue = "grid",
            description = "The configurations of a halving search's first rung: grid or random (default: "
                    + "${DEFAULT-VALUE}).")
    private String halvingBase;

    @Range(min = 2)
    @Option(names = "--eta", defaultValue = "3",
            description = "Halving: the top 1/ETA of a rung go on, with ETA times its epochs (default: "
                    + "${DEFAULT-VALUE}).")
    private int eta;

    @Range(min = 1)
    @Option(names = "--min-epochs", defaultValue = "1",
            description = "Halving: epochs of the first rung; the last rung trains to --epochs (default: "
                    + "${DEFAULT-VALUE}).")
    private int minEpochs;

    @Range(min = 1)
    @Option(names = "--grid-points", defaultValue = "2",
            description = "Values per continuous hyperparameter of a grid (default: ${DEFAULT-VALUE}).")
    private int gridPoints;

    @Range(min = 2)
    @Option(names = "--population", defaultValue = "10",
            description = "Candidates per generation of a genetic search (default: ${DEFAULT-VALUE}).")
    private int population;

    @Range(min = 1)
    @Option(names = "--max-candidates", paramLabel = "N",
            description = "Most candidates in the search (default: a grid's every point; 10 for random and genetic).")
    private Integer maxCandidates;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--max-minutes", paramLabel = "M",
            description = "This run claims no new candidate after M minutes (the rest waits for --resume).")
    private Double maxMinutes;

    @Range(min = 1)
    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs per candidate (default: two-layer and two-layer-classic 10, features-net 20, fc-net "
                    + "5, cnn 2; svm and softmax train for --iterations).")
    private Integer epochs;

    @Range(min = 1, max = 49000)
    @Option(names = "--num-train", defaultValue = "49000",
            description = "Train on the first N of the course's 49,000 training images (default: ${DEFAULT-VALUE}).")
    private int numTrain;

    @Range(min = 1)
    @Option(names = "--batch-size", defaultValue = "200", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--storage", paramLabel = "JDBC_URL",
            description = "The search's database: jdbc:sqlite:FILE or jdbc:postgresql://... (default: jdbc:sqlite:"
                    + "OUT/search.db).")
    private String storage;

    @Range(min = 1, max = 64)
    @Option(names = {"--workers", "--parallel"}, paramLabel = "K",
            description = "Candidates trained at once in this process, the cores split between them "
                    + "(default: 1 on the CPU; one per GPU on the CUDA backend).")
    private Integer workers;

    @Range(min = 0, max = 256)
    @Option(names = "--threads-per-worker", paramLabel = "N", defaultValue = "0",
            description = "ND4J/BLAS threads per worker; 0: the cores divided by --workers "
                    + "(default: ${DEFAULT-VALUE}).")
    private int threadsPerWorker;

    @Range(min = 1, max = 86400)
    @Option(names = "--lease-seconds", paramLabel = "S", defaultValue = "60",
            description = "Each claim's lease, renewed while the candidate trains; a candidate whose worker died is "
                    + "run again by another once its lease expired (default: ${DEFAULT-VALUE}).")
    private int leaseSeconds;

    @Option(names = "--resume", description = "Start a worker on the search in --storage (it must be this search: "
            + "same space and strategy); its pending candidates are run, none twice.")
    private boolean resume;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lrs", split = ",", paramLabel = "LR",
            description = "Learning rates of the grid (or to choose from); default per space, e.g. two-layer "
                    + "5e-4,1e-3,2e-3.")
    private double[] lrs;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr-range", split = ",", paramLabel = "MIN,MAX",
            description = "Learning rate log-uniform in MIN..MAX instead of --lrs (default for fc-net 1e-4,1e-2; "
                    + "features-net 1e-3,1e-1; cnn 1e-4,3e-3).")
    private double[] lrRange;

    @Range(min = 0)
    @Option(names = "--regs", split = ",", paramLabel = "REG",
            description = "Regularisation strengths of the grid; default per space, e.g. two-layer 0.1,0.27,0.43,0.6.")
    private double[] regs;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--reg-range", split = ",", paramLabel = "MIN,MAX",
            description = "L2 strength log-uniform in MIN..MAX instead of --regs (default for fc-net 1e-5,1e-1; "
                    + "features-net 1e-5,1e-3; cnn 1e-5,1e-2).")
    private double[] regRange;

    @Range(min = 1)
    @Option(names = "--hidden", split = ",", paramLabel = "H",
            description = "Hidden sizes of the two-layer nets to choose from (default: 100; features-net: "
                    + "--hidden-range 400,600).")
    private int[] hidden;

    @Range(min = 1)
    @Option(names = "--hidden-range", split = ",", paramLabel = "MIN,MAX",
            description = "Hidden size, uniform integers in MIN..MAX, instead of --hidden.")
    private int[] hiddenRange;

    @Range(min = 0, max = 0.999)
    @Option(names = "--momentum", paramLabel = "M",
            description = "Nesterov momentum of the DL4J two-layer nets' SGD; 0 = plain SGD (default: two-layer 0, "
                    + "the course's; features-net 0.9).")
    private Double momentum;

    @Range(min = 0, minExclusive = true, max = 1)
    @Option(names = "--lr-decay", paramLabel = "F", defaultValue = "0.95",
            description = "Learning-rate factor per epoch of the two-layer nets (default: ${DEFAULT-VALUE}).")
    private double lrDecay;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--weight-scale", paramLabel = "S", defaultValue = "1e-3",
            description = "Standard deviation of the two-layer nets' initial weights (default: ${DEFAULT-VALUE}).")
    private double weightScale;

    @Range(min = 1)
    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1500",
            description = "SGD steps of svm and softmax candidates (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Range(min = 1, max = 8)
    @Option(names = "--depth", split = ",", defaultValue = "1,3", paramLabel = "MIN,MAX",
            description = "fc-net: hidden blocks, from MIN to MAX (default: ${DEFAULT-VALUE}).")
    private int[] depth;

    @Range(min = 1)
    @Option(names = "--widths", split = ",",
            description = "fc-net: hidden widths to choose from; cnn: first convolution widths (default: "
                    + "fc-net 64,128,256; cnn 16,32).")
    private int[] widths;

    @Option(names = "--norms", split = ",", defaultValue = "none,batch",
            description = "fc-net and cnn: normalisations to choose from: none, batch (our BatchNorm) (default: "
                    + "${DEFAULT-VALUE}).")
    private String[] norms;

    @Range(min = 0, minExclusive = true, max = 1)
    @Option(names = "--keep-range", split = ",", defaultValue = "0.5,1", paramLabel = "MIN,MAX",
            description = "fc-net: dropout keep probability, uniform; 1 = no dropout (default: ${DEFAULT-VALUE}).")
    private double[] keepRange;

    @Override
    public Integer call() throws Exception {
        Path out = common.out();
        SearchSpaceKind kind = SearchSpaceKind.of(space);
        Instant start = Instant.now();
        CifarSplits s = common.courseSplits(numTrain);
        String url = storage != null ? storage : SearchStore.defaultUrl(out);
        Path models = modelsFolder(url, out);
        SearchSetup setup = SearchSetup.of(kind, options(), s, models);
        Strategy strat = switch (strategy) {
            case GRID -> Strategy.grid(gridPoints);
            case RANDOM -> Strategy.random(common.seed());
            case GENETIC -> Strategy.genetic(common.seed(), population);
            case HALVING -> switch (halvingBase.trim().toLowerCase(Locale.ROOT)) {
                case "grid" -> Strategy.grid(gridPoints);
                case "random" -> Strategy.random(common.seed());
                default -> throw new IllegalArgumentException("--halving-base takes grid or random, got "
                        + halvingBase);
            };
        };
        SuccessiveHalving<?> halving = strategy != StrategyOption.HALVING ? null : setup.halving(Strategy.halving(
                strat, eta, minEpochs, epochs != null ? epochs : kind.defaultEpochs()));
        SpaceCandidates<?> candidates = halving != null ? halving.base() : setup.candidates(strat);
        int max = maxCandidates != null ? maxCandidates
                : strat.kind() == Strategy.Kind.GRID ? Math.min(candidates.size(), 10_000) : 10;
        Termination termination = new Termination(max,
                maxMinutes == null ? null : Duration.ofMillis(Math.round(maxMinutes * 60_000)));
        SearchDescription description = new SearchDescription(kind.id() + " " + strategy.name()
                .toLowerCase(Locale.ROOT), Objective.MAXIMIZE, halving != null ? halving.spaceJson()
                : candidates.spaceJson(), halving != null ? halving.halving().toJson() : strat.toJson());
        this.halving = halving;
        try (SearchStore store = SearchStore.open(url, description)) {
            int added = store.addCandidates(halving != null ? halving.candidates(termination)
                    : candidates.candidates(termination));
            System.out.printf("search: %s, %s; %d candidate(s) added to %s, %d in the search%n", description.name(),
                    String.join(", ", candidates.names()), added, url, store.candidates().size());
            Files.createDirectories(models);
            int cores = Runtime.getRuntime().availableProcessors();
            dev.cs231n.searches.run.Devices devices = dev.cs231n.searches.run.Devices.detect();
            int k = workers != null ? workers : devices.defaultWorkers();
            threads = threadsPerWorker > 0 ? threadsPerWorker : Math.max(1, cores / k);
            SearchSplits data = setup.data();
            data.beginSearch();
            SearchRunner.Result result = SearchRunner.builder(store, setup::newTask)
                    .workers(k).devices(devices).threadsPerWorker(threads).lease(Duration.ofSeconds(leaseSeconds))
                    .deadline(termination.deadline(start))
                    .topUp(() -> store.addCandidates(halving != null ? halving.next(store.candidates(), termination)
                            : candidates.next(store.candidates(), termination))).build().run();
            data.endSearch();
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1e3;
            store.exportCsv(out.resolve("candidates.csv"));
            dev.cs231n.searches.report.SearchReport.write(store, out);
            writeResults(store, setup, models, out, result, seconds);
        }
        return 0;
    }

    private SearchSetup.Options options() {
        return new SearchSetup.Options(epochs, batch, common.seed(), pair("--depth", depth), widths,
                lrs, lrRange == null ? null : pair("--lr-range", lrRange), regs,
                regRange == null ? null : pair("--reg-range", regRange), hidden,
                hiddenRange == null ? null : pair("--hidden-range", hiddenRange), norms(norms),
                pair("--keep-range", keepRange), momentum, lrDecay, weightScale, iterations);
    }

    private void writeResults(SearchStore store, SearchSetup setup, Path models, Path out,
            SearchRunner.Result result, double seconds) throws IOException {
        Map<CandidateStatus, Integer> counts = store.counts();
        Metrics m = new Metrics();
        m.put("space", setup.kind().id());
        m.put("strategy", strategy.name().toLowerCase(Locale.ROOT));
        m.put("candidates", (long) store.candidates().size());
        m.put("completed_candidates", (long) counts.get(CandidateStatus.COMPLETED));
        m.put("failed_candidates", (long) counts.get(CandidateStatus.FAILED));
        m.put("pending_candidates", (long) (counts.get(CandidateStatus.PENDING) + counts.get(CandidateStatus.RUNNING)));
        m.put("epochs_used", (long) store.candidates().stream().mapToInt(Candidate::epochs).sum());
        m.put("search_seconds", seconds);
        m.put("workers_seconds", result.seconds());
        m.put("workers", (long) result.workers());
        m.put("threads_per_worker", (long) threads);
        m.put("run_completed", (long) result.summary().completed());
        m.put("run_failed", (long) result.summary().failed());
        m.put("deadline_reached", result.deadlineReached() ? "yes" : "no");
        int testReadsBefore = setup.data().testReads();
        // attempts to open the test split before the best candidate's evaluation (refused during the search)
        m.put("test_split_reads_during_search", (long) (setup.data().testRefusals() + testReadsBefore));
        Optional<Candidate> best = halving != null ? halving.best(store.candidates()) : store.best();
        if (best.isEmpty()) {
            m.write(out);
            throw new IllegalStateException("no candidate completed (" + counts.get(CandidateStatus.FAILED)
                    + " failed; their errors are in " + out.resolve("candidates.csv") + ")");
        }
        Candidate b = best.get();
        Path file = SearchSetup.modelFile(models, b.index());
        if (!Files.isRegularFile(file)) {
            throw new IOException("the best candidate, " + b.index() + ", was trained by worker " + b.workerId()
                    + " and its model is not in " + file + "; copy it there from that worker's --out, or "
                    + "resume there");
        }
        SearchSetup.TestResult test = setup.test(file, out.resolve("model.zip"));
        m.put("test_split_reads_after_search", (long) (setup.data().testReads() - testReadsBefore));
        m.put("best_candidate", (long) b.index());
        if (halving != null) {
            TrainingBudget budget = TrainingBudget.of(b.hyperparametersJson()).orElseThrow();
            m.put("best_rung", (long) budget.rung());
            m.put("best_parent", (long) budget.parent());
            m.put("planned_epochs", halving.halving().plannedEpochs((int) store.candidates().stream()
                    .filter(c -> SuccessiveHalving.rungOf(c) == 0).count()));
        }
        m.put("best_val_accuracy", b.score());
        m.put("best_test_accuracy", test.test());
        m.put("test_accuracy", test.test());
        m.put("test_accuracy_10k", test.test10k());
        JsonNode hp = JSON.readTree(b.hyperparametersJson());
        for (Iterator<Map.Entry<String, JsonNode>> it = hp.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!SpaceCandidates.POINT.equals(f.getKey())) {
                JsonNode v = f.getValue();
                if (v.isNumber()) {
                    m.put("best_" + f.getKey(), v.asDouble());
                } else {
                    m.put("best_" + f.getKey(), v.asText());
                }
            }
        }
        m.write(out);
        System.out.printf("search: %d completed, %d failed, %d pending; best candidate %d: val %.4f, test %.4f "
                + "(%s); %.1f s%n", counts.get(CandidateStatus.COMPLETED), counts.get(CandidateStatus.FAILED),
                counts.get(CandidateStatus.PENDING) + counts.get(CandidateStatus.RUNNING), b.index(), b.score(),
                test.test(), b.hyperparametersJson(), seconds);
    }

    /**
     * The candidates' models live beside a SQLite search file (so that every worker on this machine, whatever its
     * {@code --out}, writes and finds them in one place), and under {@code --out} for a server database.
     */
    static Path modelsFolder(String url, Path out) {
        String prefix = "jdbc:sqlite:";
        if (url.startsWith(prefix)) {
            String file = url.substring(prefix.length());
            int q = file.indexOf('?');
            file = q < 0 ? file : file.substring(0, q);
            if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:")) {
                Path parent = Path.of(file).toAbsolutePath().getParent();
                if (parent != null) {
                    return parent.resolve(MODELS);
                }
            }
        }
        return out.resolve(MODELS);
    }

    private static int[] pair(String option, int[] v) {
        if (v.length != 2 || v[0] > v[1]) {
            throw new IllegalArgumentException(option + " takes MIN,MAX with MIN <= MAX, got " + Arrays.toString(v));
        }
        return v;
    }

    private static double[] pair(String option, double[] v) {
        if (v.length != 2 || v[0] > v[1]) {
            throw new IllegalArgumentException(option + " takes MIN,MAX with MIN <= MAX, got " + Arrays.toString(v));
        }
        return v;
    }

    private static boolean[] norms(String[] names) {
        boolean none = false;
        boolean bn = false;
        for (String n : names) {
            switch (n.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> none = true;
                case "batch" -> bn = true;
                default -> throw new IllegalArgumentException("--norms takes none and/or batch, got " + n);
            }
        }
        return none && bn ? new boolean[] {false, true} : new boolean[] {bn};
    }
}
