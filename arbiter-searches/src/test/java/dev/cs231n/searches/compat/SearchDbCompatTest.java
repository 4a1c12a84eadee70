package dev.cs231n.searches.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cs231n.searches.report.SearchReport;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.Lease;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backward compatibility of the search store (schema version 1): {@code compat/v1/search.db} was written by the code
 * of December 2026 ({@link SearchDbCompatGenerator}, history in {@link SearchDbCase}). Each test works on a copy in a
 * temporary folder (opening a store switches it to WAL and a resume writes), and the stored file's bytes are checked
 * unchanged afterwards. Today's {@link SearchStore} must open it with the stored description, read every field of
 * every candidate and every epoch score as they were stored, resume it (claim and complete the pending candidates,
 * rebuilding each from the stored Arbiter space), export it as CSV, and report it.
 */
class SearchDbCompatTest {

    static final String VERSION = "v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path copy;
    private String storedSha;

    @BeforeEach
    void copyTheStoredFile() throws IOException {
        storedSha = sha256(root().resolve(SearchDbCase.DB_FILE));
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        copy = dir.resolve(SearchDbCase.DB_FILE);
        Files.copy(root().resolve(SearchDbCase.DB_FILE), copy);
    }

    @AfterEach
    void theStoredFileIsUnchanged() throws IOException {
        assertEquals(storedSha, sha256(root().resolve(SearchDbCase.DB_FILE)), "the artifact itself was written to");
    }

    @Test
    void theStoredFileIsSchemaVersion1WithTheTablesTodaysCodeCreates() throws SQLException, IOException {
        assertEquals(List.of(1), query(copy, "SELECT version FROM search_schema"));
        Path fresh = tmp.resolve("fresh");
        Files.createDirectories(fresh);
        try (SearchStore s = SearchStore.open(SearchStore.defaultUrl(fresh), storedDescription())) {
            assertNotNull(s.description());
        }
        // same tables, columns, types and constraints as a store created today (the version did not change)
        assertEquals(schema(fresh.resolve(SearchDbCase.DB_FILE)), schema(copy));
    }

    @Test
    void todaysCodeOpensItAndReadsEveryFieldAsStored() throws IOException {
        JsonNode search = JSON.readTree(root().resolve(SearchDbCase.SEARCH_FILE).toFile());
        SearchDescription d = storedDescription();
        assertEquals(search.path("fingerprint").asText(), d.fingerprint(), "today's fingerprint of the stored search");
        Map<String, List<Map<String, Object>>> stored = JSON.readValue(
                root().resolve(SearchDbCase.CANDIDATES_FILE).toFile(), new TypeReference<>() { });
        try (SearchStore store = SearchStore.open(SearchStore.defaultUrl(copy.getParent()), d)) {
            assertEquals("fc-net grid", store.description().name());
            assertEquals(Objective.MAXIMIZE, store.description().objective());
            assertEquals(d.spaceJson(), store.description().spaceJson());
            assertEquals(d.strategyJson(), store.description().strategyJson());
            assertEquals(normalise(stored.get("candidates")), normalise(SearchDbCase.records(store.candidates())));
            assertEquals(normalise(stored.get("epoch_scores")), normalise(SearchDbCase.epochRecords(
                    store.epochScores())));

            // what the history stored, independently of the generator's own read-back
            assertEquals(Map.of(CandidateStatus.PENDING, 2, CandidateStatus.RUNNING, 0, CandidateStatus.COMPLETED, 3,
                    CandidateStatus.FAILED, 1), store.counts());
            assertEquals(1, store.best().orElseThrow().index());
            assertEquals(0.52, store.best().orElseThrow().score());
            assertEquals(2, store.candidate(1).orElseThrow().attempts(), "taken over after its worker died");
            assertEquals(List.of(1, 2, 2), store.epochScores(1).stream().map(e -> e.attempt()).toList(),
                    "the dead attempt's epoch kept apart");
            assertEquals(SearchDbCase.ERROR, store.candidate(2).orElseThrow().error());
            assertEquals("cuda:1", store.candidate(3).orElseThrow().device());
            assertFalse(store.isFinished());
        }
    }

    @Test
    void todaysSpaceAndStrategyAreTheStoredSearch() throws IOException {
        // a `--resume` describes the search from today's code: it must still be the stored search
        SearchDescription today = SearchDbCase.description(SearchDbCase.candidates());
        assertEquals(JSON.readTree(root().resolve(SearchDbCase.SEARCH_FILE).toFile()).path("fingerprint").asText(),
                today.fingerprint());
        try (SearchStore store = SearchStore.open(SearchStore.defaultUrl(copy.getParent()), today)) {
            assertEquals(SearchDbCase.CANDIDATES, store.candidates().size());
            assertEquals(0, store.addCandidates(SearchDbCase.specs(SearchDbCase.candidates())),
                    "today's grid is the stored grid");
        }
    }

    @Test
    void itResumesClaimingThePendingCandidatesAndExportsCsv() throws IOException {
        try (SearchStore store = SearchStore.open(SearchStore.defaultUrl(copy.getParent()), storedDescription())) {
            List<Integer> claimed = new ArrayList<>();
            for (Lease l; (l = store.claim("resumer:1:0", "cpu", Duration.ofMinutes(1)).orElse(null)) != null;) {
                claimed.add(l.candidateIndex());
                Object rebuilt = SpaceCandidates.rebuildFromStoredSpace(store.description().spaceJson(),
                        l.hyperparametersJson());
                MultiLayerConfiguration conf = ((DL4JConfiguration) rebuilt).getMultiLayerConfiguration();
                assertTrue(conf.getConfs().size() >= 2, "candidate " + l.candidateIndex() + " rebuilt: " + conf);
                store.reportEpoch(l, 1, 0.3, 1);
                store.complete(l, 0.3 + 0.01 * l.candidateIndex(), 1);
            }
            assertEquals(List.of(4, 5), claimed, "the pending candidates, none of the final ones");
            assertTrue(store.isFinished());
            assertEquals(1, store.candidate(4).orElseThrow().attempts(), "the released claim was given back");
            assertEquals(0.52, store.best().orElseThrow().score(), "the stored best stays best");

            Path csv = store.exportCsv(tmp.resolve("candidates.csv"));
            try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                List<String> header = p.getHeaderNames();
                for (String col : List.of("candidate", "status", "score", "error", "batch_norm", "depth",
                        "keep_prob", "lr", "reg", "width", "point", "hyperparameters")) {
                    assertTrue(header.contains(col), "column " + col + " in " + header);
                }
                List<CSVRecord> rows = p.getRecords();
                assertEquals(SearchDbCase.CANDIDATES, rows.size());
                assertEquals(SearchDbCase.ERROR, rows.get(2).get("error"), "the error with its quotes and newlines");
                assertEquals("FAILED", rows.get(2).get("status"));
                assertEquals("0.52", rows.get(1).get("score"));
                assertEquals("16", rows.get(2).get("width"));
            }
        }
    }

    @Test
    void itIsReportedWithEveryCandidate() throws IOException {
        try (SearchStore store = SearchStore.open(SearchStore.defaultUrl(copy.getParent()), storedDescription())) {
            SearchReport.Output out = SearchReport.write(store, tmp.resolve("report"));
            String html = Files.readString(out.html());
            int body = html.indexOf("<tbody>");
            assertEquals(SearchDbCase.CANDIDATES, html.substring(body, html.indexOf("</tbody>")).split("<tr", -1).length
                    - 1);
            assertTrue(html.contains("Candidate <b>#1</b>"));
            // best over time, epoch curves, one per hyperparameter (batch_norm, depth, keep_prob, lr, reg, width)
            assertEquals(2 + 6, out.plots().size());
        }
    }

    private static SearchDescription storedDescription() throws IOException {
        JsonNode s = JSON.readTree(root().resolve(SearchDbCase.SEARCH_FILE).toFile());
        return new SearchDescription(s.path("name").asText(), Objective.valueOf(s.path("objective").asText()),
                s.path("space_json").asText(), s.path("strategy_json").asText());
    }

    /** Numbers compared as doubles (JSON reads 61.5 and 61 alike into different boxes). */
    private static List<Map<String, Object>> normalise(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new TreeMap<>();
            r.forEach((k, v) -> m.put(k, v instanceof Number n ? (Object) n.doubleValue() : v));
            out.add(m);
        }
        return out;
    }

    private static List<Object> query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<Object> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getObject(1));
            }
            return values;
        }
    }

    /** @return every table's and index's SQL, by name */
    private static Map<String, String> schema(Path db) throws SQLException {
        Map<String, String> sql = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")) {
            while (rs.next()) {
                sql.put(rs.getString(1), rs.getString(2));
            }
        }
        return sql;
    }

    static Path root() {
        try {
            Path classes = Paths.get(SearchDbCompatTest.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            Path root = classes.resolve("compat").resolve(VERSION);
            assertTrue(Files.isDirectory(root), root + " is missing from the test resources");
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theArtifactIsASmallSqliteFile() throws IOException {
        assertArrayEquals(new byte[] {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', 0},
                java.util.Arrays.copyOf(Files.readAllBytes(copy), 16), "an SQLite 3 file");
        assertTrue(Files.size(copy) < 100_000, "KBs, not MBs: " + Files.size(copy));
    }
}
