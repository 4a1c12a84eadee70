package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.OfflineJobs.concat;
import static dev.cs231n.pipelines.jobs.OfflineJobs.metrics;
import static dev.cs231n.pipelines.jobs.OfflineJobs.number;
import static dev.cs231n.pipelines.jobs.OfflineJobs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./cs231n search} end to end offline on learnable synthetic CIFAR-10 ({@link OfflineData}): a grid of fc-nets
 * writes every documented output; a genetic search runs its generations; {@code --resume} with more candidates runs
 * only the new one; a search with another space into the same storage is refused with the store's message and
 * changes nothing.
 */
class SearchJobTest {

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    private static final List<String> KEYS = List.of("best_val_accuracy", "best_test_accuracy", "test_accuracy",
            "test_accuracy_10k", "candidates", "completed_candidates", "failed_candidates", "pending_candidates",
            "epochs_used", "search_seconds", "best_width", "best_batch_norm", "best_candidate");

    /** width {8, 16} x batch norm {no, yes}: a grid of 4; everything else fixed. */
    private static final String[] SPACE = {"--space", "fc-net", "--strategy", "grid", "--depth", "1,1", "--widths",
        "8,16", "--lr-range", "3e-3,3e-3", "--reg-range", "1e-4,1e-4", "--norms", "none,batch", "--keep-range", "1,1",
        "--epochs", "1", "--num-train", "300", "--batch-size", "100"};

    @Test
    void gridWritesItsOutputsResumesWithMoreCandidatesAndRefusesAnotherSpace() throws IOException {
        Path out = DATA.out("search");
        String printed = run(0, "search", DATA.dir(), out, concat(SPACE, "--max-candidates", "3", "--workers", "2"));
        Map<String, Object> m = metrics(out, KEYS);
        assertEquals(3, number(m, "candidates"), printed);
        assertEquals(3, number(m, "completed_candidates"));
        assertEquals(0, number(m, "failed_candidates"));
        assertEquals(3, number(m, "epochs_used"));
        assertTrue(number(m, "best_val_accuracy") > 0.15, "synthetic classes are learnable: " + m);
        assertTrue(number(m, "best_test_accuracy") > 0.1, "" + m);
        List<CSVRecord> rows = csv(out.resolve("candidates.csv"));
        assertEquals(3, rows.size());
        for (CSVRecord r : rows) {
            assertEquals("COMPLETED", r.get("status"));
            assertTrue(List.of("8", "16").contains(r.get("width")), r.toString());
            assertEquals("1", r.get("attempts"));
        }
        double bestInCsv = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("score"))).max().orElseThrow();
        assertEquals(bestInCsv, number(m, "best_val_accuracy"), 1e-12, "metrics name the best of the CSV");
        Path model = out.resolve("model.zip");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        assertEquals((int) number(m, "best_width"), net.layerSize(0), "model.zip is the best candidate's net");
        assertTrue(ModelZipPreprocessors.load(model.toFile()).isPresent(), "model.zip carries its preprocessing");
        assertTrue(Files.isRegularFile(out.resolve("search.db")));

        String resumed = run(0, "search", DATA.dir(), out, concat(SPACE, "--max-candidates", "4", "--resume"));
        Map<String, Object> again = metrics(out, KEYS);
        assertEquals(4, number(again, "candidates"), resumed);
        assertEquals(4, number(again, "completed_candidates"));
        assertEquals(1, number(again, "run_completed"), "the resumed run trained only the new candidate");
        List<CSVRecord> after = csv(out.resolve("candidates.csv"));
        assertEquals(4, after.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(rows.get(i).get("score"), after.get(i).get("score"), "candidate " + i + " kept as it was");
            assertEquals("1", after.get(i).get("attempts"));
        }

        Path other = DATA.out("search-other");
        String url = "jdbc:sqlite:" + out.resolve("search.db");
        String refused = run(1, "search", DATA.dir(), other, concat(SPACE, "--max-candidates", "4", "--storage", url,
                "--widths", "8,32"));
        assertTrue(refused.contains("holds another search") && refused.contains(out.resolve("search.db").toString()),
                refused);
        assertEquals(4, csv(out.resolve("candidates.csv")).size());
        assertFalse(Files.exists(other.resolve("metrics.json")));
    }

    @Test
    void geneticSearchRunsGenerationAfterGeneration() throws IOException {
        Path out = DATA.out("search-genetic");
        String[] genetic = SPACE.clone();
        genetic[3] = "genetic";
        genetic[List.of(SPACE).indexOf("--lr-range") + 1] = "1e-3,1e-2"; // a continuous gene to breed
        String printed = run(0, "search", DATA.dir(), out, concat(genetic, "--population", "2", "--max-candidates",
                "3"));
        Map<String, Object> m = metrics(out, KEYS);
        assertEquals(3, number(m, "completed_candidates"), printed);
        assertEquals(3, csv(out.resolve("candidates.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file);
                CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            return p.getRecords();
        }
    }
}
