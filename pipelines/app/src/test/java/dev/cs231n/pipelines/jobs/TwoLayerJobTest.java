package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cs231n.classic.net.TwoLayerModelZip;
import dev.cs231n.classic.net.TwoLayerNet;
import dev.cs231n.classic.solver.SolverAccuracy;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.pipelines.Cs231n;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;

/**
 * {@code two-layer}: its command line without data (options, bad values refused before any loading), and end to
 * end on synthetic CIFAR-10 ({@link OfflineData}) with a small net on 4,000 training images: every documented metric
 * and file, a {@code model.zip} that reproduces the test accuracy, {@code --resume} that ends exactly where the
 * uninterrupted run ends, and resumes with another setting or another training set refused.
 */
class TwoLayerJobTest {

    /** The keys the job documents. */
    static final List<String> KEYS = List.of("val_accuracy", "test_accuracy", "test_accuracy_10k", "train_seconds",
            "load_seconds", "best_epoch", "epochs", "iterations", "final_train_accuracy", "final_loss", "hidden_size",
            "learning_rate", "lr_decay", "reg", "batch_size", "weight_scale", "update_rule", "dtype", "seed",
            "num_train");

    /** Settings every run of the end-to-end tests shares: 10 iterations of 400 per epoch. */
    private static final List<String> SETTINGS = List.of("--num-train", "4000", "--hidden", "8", "--batch-size", "400",
            "--update-rule", "sgd_momentum", "--lr", "3e-4", "--reg", "0.01", "--seed", "3");

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    private static String run(int expectedExit, String... args) {
        CommandLine cl = Cs231n.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        assertEquals(expectedExit, code, out.toString());
        return out.toString();
    }

    /** Runs the job with {@link #SETTINGS}, of which {@code options} may override some. */
    private static String train(int expectedExit, Path out, String... options) {
        List<String> given = List.of(options);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < SETTINGS.size(); i += 2) {
            if (!given.contains(SETTINGS.get(i))) {
                all.addAll(SETTINGS.subList(i, i + 2));
            }
        }
        all.addAll(given);
        return OfflineJobs.run(expectedExit, "two-layer", DATA.dir(), out, all.toArray(new String[0]));
    }

    @Test
    void helpListsTheJobAndItsOptions() {
        assertTrue(run(0, "--help").contains("  two-layer "));
        String help = run(0, "two-layer", "--help");
        for (String opt : new String[] {"--data-dir", "--out", "--seed", "--hidden", "--lr", "--reg", "--epochs",
            "--batch-size", "--update-rule", "--lr-decay", "--weight-scale", "--dtype", "--resume", "SGD_MOMENTUM"}) {
            assertTrue(help.contains(opt), "two-layer --help lacks " + opt + ":\n" + help);
        }
    }

    @Test
    void badValuesFailBeforeLoadingAnythingAndWriteNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        String msg = run(1, "two-layer", "--batch-size", "0", "--data-dir", tmp.resolve("none").toString(), "--out",
                out.toString());
        assertTrue(msg.contains("--batch-size must be >= 1, got 0"), msg);
        msg = run(1, "two-layer", "--hidden", "0", "--data-dir", tmp.resolve("none").toString(), "--out",
                out.toString());
        assertTrue(msg.contains("--hidden must be >= 1"), msg);
        msg = run(1, "two-layer", "--num-train", "49001", "--data-dir", tmp.resolve("none").toString(), "--out",
                out.toString());
        assertTrue(msg.contains("--num-train must be in 1..49000"), msg);
        assertFalse(Files.exists(out.resolve("metrics.json")));
        assertTrue(run(2, "two-layer", "--update-rule", "nesterov").contains("nesterov"));
    }

    @Test
    void trainsWritesEveryOutputAndItsModelReproducesTheTestAccuracy() throws IOException {
        Path out = DATA.out("whole");
        train(0, out, "--epochs", "2");
        Map<String, Object> m = OfflineJobs.metrics(out, KEYS);
        assertEquals(2, OfflineJobs.number(m, "epochs"));
        assertEquals(20, OfflineJobs.number(m, "iterations"));
        assertEquals(4000, OfflineJobs.number(m, "num_train"));
        assertEquals("sgd_momentum", m.get("update_rule"));
        assertEquals(400, OfflineJobs.number(m, "batch_size"));
        double test = OfflineJobs.number(m, "test_accuracy");
        assertTrue(OfflineJobs.number(m, "val_accuracy") > 0.5 && test > 0.5, "chance is 0.1: " + m);
        for (String png : List.of("loss.png", "accuracy.png")) {
            OfflineJobs.assertPng(out.resolve(png), 400, 300);
        }
        OfflineJobs.assertPng(out.resolve("weights.png"), 8 * 64, 64);
        assertTrue(Files.isRegularFile(out.resolve(TwoLayerJob.CHECKPOINT)));

        TwoLayerModelZip.Loaded loaded = TwoLayerModelZip.read(out.resolve(TwoLayerJob.MODEL));
        assertEquals(8, loaded.net().hiddenDim());
        CifarDataset courseTest = OfflineJobs.commonOptions(DATA.dir()).courseSplits().test();
        INDArray x = loaded.preprocessor().orElseThrow()
                .transform(CifarTensors.features(courseTest, FeatureLayout.FLAT, DataType.FLOAT));
        assertEquals(test, SolverAccuracy.of(loaded.net(), x, courseTest.labels()), 1e-12);

        // resumed: one epoch (from no checkpoint, which --resume says and handles), then --resume to two epochs
        Path resumed = DATA.out("resumed");
        assertTrue(train(0, resumed, "--epochs", "1", "--resume").contains("--resume: no checkpoint at"));
        assertTrue(train(0, resumed, "--epochs", "2", "--resume").contains("continuing from"));
        Map<String, Object> r = OfflineJobs.metrics(resumed, KEYS);
        for (String k : List.of("val_accuracy", "test_accuracy", "test_accuracy_10k", "best_epoch", "epochs",
                "iterations", "final_train_accuracy", "final_loss")) {
            assertEquals(m.get(k), r.get(k), k + ": resumed and uninterrupted runs differ");
        }
        TwoLayerNet a = loaded.net();
        TwoLayerNet b = TwoLayerModelZip.read(resumed.resolve(TwoLayerJob.MODEL)).net();
        a.params().forEach((name, w) -> assertEquals(w, b.params().get(name), name));

        // a resume with another learning rate is refused, naming the setting, and changes nothing
        byte[] before = Files.readAllBytes(resumed.resolve(TwoLayerJob.CHECKPOINT));
        String refused = train(1, resumed, "--epochs", "3", "--resume", "--lr", "2e-4");
        assertTrue(refused.contains("other settings") && refused.contains("learning_rate"), refused);
        refused = train(1, resumed, "--epochs", "3", "--resume", "--num-train", "3000");
        assertTrue(refused.contains("trained on 4000 training examples, this run has 3000"), refused);
        assertEquals(2, OfflineJobs.number(OfflineJobs.metrics(resumed, KEYS), "epochs"));
        assertArrayEquals(before, Files.readAllBytes(resumed.resolve(TwoLayerJob.CHECKPOINT)));
    }
}
