package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.OfflineJobs.metrics;
import static dev.cs231n.pipelines.jobs.OfflineJobs.number;
import static dev.cs231n.pipelines.jobs.OfflineJobs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cs231n.classic.linear.LinearModelFile;
import dev.cs231n.classic.net.TwoLayerModelZip;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every {@code --space} of {@code ./cs231n search} end to end offline on learnable synthetic CIFAR-10: candidates
 * complete on train + validation, the test split is read only after the search, metrics name the best
 * hyperparameters, and {@code model.zip} is the best candidate's model in its own format.
 */
class SearchSpacesJobTest {

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    private static final List<String> KEYS = List.of("best_val_accuracy", "best_test_accuracy", "candidates",
            "failed_candidates", "epochs_used", "search_seconds",
            "test_split_reads_during_search");

    private static Map<String, Object> search(String name, String... args) throws IOException {
        Path out = DATA.out(name);
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--num-train", "300", "--batch-size", "100"}, 0, all, args.length, 4);
        String printed = run(0, "search", DATA.dir(), out, all);
        Map<String, Object> m = metrics(out, KEYS);
        assertEquals(0, number(m, "failed_candidates"), printed);
        assertEquals(0, number(m, "test_split_reads_during_search"), printed);
        assertTrue(number(m, "best_val_accuracy") > 0.15, "synthetic classes are learnable: " + m + "\n" + printed);
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        return m;
    }

    @Test
    void theTwoLayerSpaceRunsAGridOfItsLearningRates() throws IOException {
        Map<String, Object> m = search("two-layer", "--space", "two-layer", "--lrs", "3e-3,1e-2", "--regs", "1e-3",
                "--epochs", "3", "--weight-scale", "1e-2");
        assertEquals(2, number(m, "candidates"));
        assertEquals(6, number(m, "epochs_used"));
        assertTrue(List.of(3e-3, 1e-2).contains(number(m, "best_lr")), "" + m);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(DATA.out("two-layer").resolve("model.zip")
                .toFile());
        assertEquals(100, net.layerSize(0), "hidden 100, the course's default");
    }

    @Test
    void successiveHalvingPromotesTheBestHalfAndCountsOnlyTheEpochsItTrained() throws IOException {
        Map<String, Object> m = search("halving", "--space", "two-layer", "--strategy", "halving", "--lrs",
                "3e-3,1e-2", "--regs", "1e-3,1e-2", "--epochs", "4", "--min-epochs", "2", "--eta", "2");
        assertEquals(6, number(m, "candidates"), "rung 0: 4 configurations; rung 1: the best 2");
        assertEquals(4 * 2 + 2 * 2, number(m, "epochs_used"), "the promoted ones train only their 2 more epochs");
        assertEquals(1, number(m, "best_rung"));
        assertTrue(number(m, "best_parent") >= 0 && number(m, "best_parent") < 4, "" + m);
        assertTrue(Files.isRegularFile(DATA.out("halving").resolve("report.html")));
    }

    @Test
    void theLinearClassifiersAndTheClassicNetGoThroughTheGenericApi() throws IOException {
        Map<String, Object> svm = search("svm", "--space", "svm", "--lrs", "1e-6,1e-5", "--regs", "1e2",
                "--iterations", "100");
        assertEquals(2, number(svm, "candidates"));
        assertEquals(10, LinearModelFile.read(DATA.out("svm").resolve("model.zip")).classifier().weights().size(1));
        Map<String, Object> softmax = search("softmax", "--space", "softmax", "--strategy", "random",
                "--lr-range", "1e-6,1e-5", "--regs", "1e2", "--iterations", "100", "--max-candidates", "2");
        assertEquals(2, number(softmax, "candidates"));
        Map<String, Object> net = search("two-layer-classic", "--space", "two-layer-classic", "--lrs", "1e-2",
                "--regs", "1e-3,1e-2", "--hidden", "20", "--epochs", "2");
        assertEquals(4, number(net, "epochs_used"));
        assertTrue(List.of(1e-3, 1e-2).contains(number(net, "best_reg")), "" + net);
        assertEquals(20, TwoLayerModelZip.read(DATA.out("two-layer-classic").resolve("model.zip")).net()
                .hiddenDim());
    }

    @Test
    void theFeaturesNetAndTheCnnSpacesRun() throws IOException {
        Map<String, Object> f = search("features-net", "--space", "features-net", "--strategy", "random",
                "--max-candidates", "2", "--epochs", "4", "--hidden-range", "20,40", "--weight-scale", "0.05",
                "--lr-range", "0.02,0.05");
        assertTrue(number(f, "best_hidden") >= 20 && number(f, "best_hidden") <= 40, "" + f);
        assertEquals(2, number(f, "candidates"));
        Map<String, Object> c = search("cnn", "--space", "cnn", "--strategy", "random", "--max-candidates", "1",
                "--epochs", "2", "--widths", "8", "--norms", "batch", "--lr-range", "3e-3,3e-3");
        assertEquals(1, number(c, "candidates"));
    }
}
