package dev.cs231n.pipelines.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/** {@code caption-rnn} and {@code caption-transformer} end to end on a small synthetic COCO folder. */
class CaptionJobsTest {

    static final List<String> KEYS = List.of("overfit_final_loss", "train_final_loss", "bleu1", "bleu2", "bleu3",
            "bleu4", "baseline_bleu4", "train_seconds");

    @TempDir
    static Path tmp;
    static Path coco;

    @BeforeAll
    static void data() throws IOException {
        coco = SyntheticCoco.write(tmp.resolve("coco"));
    }

    static String run(int expected, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Cs231n.commandLine();
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute(args);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, e);
        return e;
    }

    static double number(Map<String, Object> m, String key) {
        assertTrue(m.get(key) instanceof Number, key + " missing in " + m);
        return ((Number) m.get(key)).doubleValue();
    }

    private static void checkOutputs(Path out, Map<String, Object> m) throws IOException {
        for (String k : KEYS) {
            double v = number(m, k);
            assertTrue(Double.isFinite(v) && v >= 0, k + " = " + v);
        }
        for (int n = 1; n <= 4; n++) {
            assertTrue(number(m, "bleu" + n) <= 1.0);
        }
        JsonNode samples = new ObjectMapper().readTree(out.resolve("samples.json").toFile());
        assertEquals(6, samples.size(), "the 6 evaluation images");
        for (JsonNode s : samples) {
            assertEquals(3, s.get("references").size(), s.toString());
            assertTrue(s.has("greedy") && s.has("beam"), s.toString());
        }
        String html = Files.readString(out.resolve(CaptionPage.FILE));
        assertEquals(6, html.split("<div class=\"item\">", -1).length - 1);
        for (JsonNode s : samples) {
            Path thumb = out.resolve("images/" + s.get("image_id").asLong() + ".jpg");
            assertTrue(Files.size(thumb) > 0, thumb.toString());
            assertTrue(html.contains(s.get("greedy").asText()), "page shows " + s.get("greedy"));
        }
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        assertTrue(Files.isRegularFile(out.resolve("checkpoint.zip")));
        assertTrue(Files.isRegularFile(out.resolve("features.h5")));
    }

    @Test
    void captionRnnOverfitsTrainsAndBeatsTheBaseline() throws IOException {
        Path out = tmp.resolve("rnn");
        run(0, "caption-rnn", "--coco-dir", coco.toString(), "--out", out.toString(), "--pixel-size", "4",
                "--word-dim", "16", "--hidden", "32", "--overfit-pairs", "12", "--overfit-epochs", "60",
                "--batch-size", "6", "--lr", "2e-2", "--lr-decay", "1", "--epochs", "15", "--beam-width", "2");
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        System.out.println("[caption-jobs] rnn " + m);
        checkOutputs(out, m);
        assertEquals(12, number(m, "overfit_pairs"));
        assertTrue(number(m, "overfit_final_loss") < 0.5, "overfit loss " + m.get("overfit_final_loss"));
        assertTrue(number(m, "overfit_greedy_exact") >= 10, "greedy reproduces the training captions: " + m);
        // colours decide the captions: a trained model beats always emitting the most frequent caption
        assertTrue(number(m, "bleu4") > number(m, "baseline_bleu4"), m.toString());

        // --resume with more epochs continues the checkpoint
        run(0, "caption-rnn", "--coco-dir", coco.toString(), "--out", out.toString(), "--pixel-size", "4",
                "--word-dim", "16", "--hidden", "32", "--overfit-pairs", "0", "--batch-size", "6", "--lr", "2e-2",
                "--lr-decay", "1", "--epochs", "16", "--beam-width", "2", "--resume");
        assertEquals(16, number(Metrics.read(out.resolve(Metrics.FILE_NAME)), "epochs"));
    }

    @Test
    void captionTransformerRuns() throws IOException {
        Path out = tmp.resolve("transformer");
        run(0, "caption-transformer", "--coco-dir", coco.toString(), "--out", out.toString(), "--pixel-size", "4",
                "--word-dim", "16", "--heads", "2", "--layers", "1", "--ffn", "32", "--overfit-pairs", "12",
                "--overfit-epochs", "20", "--batch-size", "6", "--lr", "5e-3", "--epochs", "3", "--beam-width", "2");
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        System.out.println("[caption-jobs] transformer " + m);
        checkOutputs(out, m);
        assertTrue(number(m, "overfit_final_loss") < number(m, "overfit_initial_loss") / 2, m.toString());
    }

    @Test
    void aMissingCocoFolderNamesWhatIsMissing() {
        String err = run(1, "caption-rnn", "--coco-dir", tmp.resolve("nothing").toString(), "--out",
                tmp.resolve("none").toString());
        assertTrue(err.contains("captions_val2017.json") && err.contains("not a COCO folder"), err);
    }

    @Test
    void anEncoderFolderWithoutModelIsRefused() {
        String err = run(1, "caption-rnn", "--coco-dir", coco.toString(), "--out", tmp.resolve("enc").toString(),
                "--encoder", tmp.toString());
        assertTrue(err.contains("model.zip"), err);
    }

    @Test
    void aCnnRunFolderIsAFrozenEncoder() throws Exception {
        Path cnn = Path.of(CaptionJobsTest.class.getResource("/compat/v1/cnn/model.zip").toURI()).getParent();
        Path out = tmp.resolve("rnn-cnn-encoder");
        run(0, "caption-rnn", "--coco-dir", coco.toString(), "--out", out.toString(), "--encoder", cnn.toString(),
                "--word-dim", "16", "--hidden", "32", "--overfit-pairs", "0", "--batch-size", "8", "--epochs", "1",
                "--beam-width", "2");
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        assertTrue(String.valueOf(m.get("encoder")).startsWith("frozen ") && String.valueOf(m.get("encoder"))
                .contains("model.zip"), m.toString());
        int layer = ImageEncoder.defaultLayer(org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                cnn.resolve("model.zip").toFile(), false));
        assertEquals(ImageEncoder.fromRun(cnn, layer).encode(firstImage()).length, number(m, "feature_dim"));
        assertEquals(40, number(m, "train_pairs"));
    }

    private static Path firstImage() throws IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(coco.resolve("coco-mini/train2017"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }
}
