package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.OfflineJobs.assertPng;
import static dev.cs231n.pipelines.jobs.OfflineJobs.concat;
import static dev.cs231n.pipelines.jobs.OfflineJobs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.simclr.SimClrSpec;
import dev.cs231n.pipelines.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code simclr-pretrain} and {@code simclr-eval} end to end offline on learnable synthetic images in the official
 * format, with small settings: every documented metrics.json key, the files, resume for one more epoch, a resume with
 * another temperature refused, and the evaluation of the pretrained encoder.
 */
class SimClrJobsTest {

    static final List<String> PRETRAIN_KEYS = List.of("final_loss", "epochs", "train_seconds",
            "knn_monitor_accuracy");
    static final List<String> EVAL_KEYS = List.of("linear_test_accuracy", "knn_test_accuracy",
            "random_linear_test_accuracy", "finetune10_test_accuracy", "scratch10_test_accuracy");

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    record Run(int code, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Cs231n.commandLine();
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute(args);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    static Map<String, Object> metrics(Path out) throws IOException {
        return Metrics.read(out.resolve(Metrics.FILE_NAME));
    }

    static void assertAccuracy(Map<String, Object> m, String key) {
        double a = number(m, key);
        assertTrue(a >= 0 && a <= 1, key + " = " + a);
    }

    @Test
    void pretrainResumesRefusesOtherSettingsAndItsEncoderEvaluates(@TempDir Path dir) throws IOException {
        Path pre = dir.resolve("pretrain");
        String[] args = {"simclr-pretrain", "--num-train", "256", "--batch-size", "32", "--knn-bank", "200",
            "--knn-k", "20", "--data-dir", DATA.dir().toString(), "--out", pre.toString()};
        Run first = run(concat(args, "--epochs", "1"));
        assertEquals(0, first.code(), first.err());
        Map<String, Object> m = metrics(pre);
        PRETRAIN_KEYS.forEach(k -> number(m, k));
        assertAccuracy(m, "knn_monitor_accuracy");
        assertEquals(1, number(m, "epochs"));
        double loss = number(m, "final_loss");
        // NT-Xent of 32 pairs starts near log(63) = 4.14
        assertTrue(loss > 0 && loss < 4.5, "final_loss " + loss);
        assertTrue(Files.isRegularFile(pre.resolve("model.zip")));
        assertTrue(Files.isRegularFile(pre.resolve(SimClrSpec.FILE)));
        assertTrue(Files.isRegularFile(pre.resolve(Checkpoint.FILE)));
        assertPng(pre.resolve("loss.png"), 300, 300);
        assertPng(pre.resolve("knn.png"), 300, 300);

        Run resumed = run(concat(args, "--epochs", "2", "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, Object> m2 = metrics(pre);
        assertEquals(2, number(m2, "epochs"));
        assertNotEquals(loss, number(m2, "final_loss"));

        Run refused = run(concat(args, "--epochs", "3", "--resume", "--tau", "0.2"));
        assertNotEquals(0, refused.code());
        assertTrue(refused.err().contains("tau"), refused.err());
        assertEquals(0.5, SimClrSpec.read(pre).tau(), "a refused resume leaves the stored architecture alone");

        Path ev = dir.resolve("eval");
        Run eval = run("simclr-eval", "--encoder", pre.toString(), "--num-train", "1000", "--num-test", "400",
                "--linear-epochs", "3", "--knn-k", "20", "--label-fraction-images", "200", "--finetune-epochs", "1",
                "--batch-size", "50", "--data-dir", DATA.dir().toString(), "--out", ev.toString());
        assertEquals(0, eval.code(), eval.err());
        Map<String, Object> e = metrics(ev);
        EVAL_KEYS.forEach(k -> assertAccuracy(e, k));
        assertTrue(number(e, "linear_test_accuracy") > 0.15, "synthetic classes are separable: " + e);
    }

    @Test
    void helpOfBothJobsRendersWithoutFormatWarnings() {
        java.io.PrintStream savedErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (String job : new String[] {"simclr-pretrain", "simclr-eval"}) {
                java.io.StringWriter out = new java.io.StringWriter();
                CommandLine cl = Cs231n.commandLine();
                cl.setOut(new PrintWriter(out));
                assertEquals(0, cl.execute(job, "--help"));
                String help = out.toString();
                assertTrue(help.contains("--data-dir") && help.contains("--seed") && help.contains("--out"), help);
            }
        } finally {
            System.setErr(savedErr);
        }
        String w = warnings.toString(StandardCharsets.UTF_8);
        assertTrue(!w.contains("Could not format"), "picocli could not format a description (an unescaped %?): " + w);
    }

    @Test
    void evalWithoutAPretrainFolderSaysWhatItNeeds(@TempDir Path dir) {
        Run r = run("simclr-eval", "--encoder", dir.toString(), "--data-dir", DATA.dir().toString(), "--out",
                dir.resolve("o").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("simclr-pretrain"), r.err());
    }
}
