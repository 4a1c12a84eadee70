package dev.cs231n.searches.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.cs231n.searches.store.CandidateSpec;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.Lease;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SearchReport} on real SQLite stores written through the store's API. */
class SearchReportTest {

    private static final Pattern ROW = Pattern.compile("<tr[^>]*><td class=\"num\"[^>]*>(\\d*)</td><td class=\"num\">"
            + "(\\d+)</td><td class=\"(\\w+)\">");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

    @TempDir
    Path tmp;

    @Test
    void realisticGridWritesThePageAndEveryPlot() throws IOException {
        try (SearchStore store = ReportFixtures.realisticGrid(tmp.resolve("search.db")).store()) {
            SearchReport.Output out = SearchReport.write(store, tmp.resolve("out"));
            assertEquals(tmp.resolve("out").resolve("report.html"), out.html());
            String html = Files.readString(out.html());

            List<String[]> rows = rows(html);
            assertEquals(12, rows.size(), "one table row per candidate");
            assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), indices(rows));
            assertEquals(List.of("completed", "completed", "completed", "completed", "completed", "completed",
                    "completed", "completed", "completed", "completed", "pending", "failed"),
                    rows.stream().map(r -> r[2].toLowerCase()).toList(), "completed best first, then pending, failed");
            // ranks 1..10 on the completed rows, and their scores best first
            for (int r = 0; r < 10; r++) {
                assertEquals(Integer.toString(r + 1), rows.get(r)[0]);
            }
            List<Double> scores = scores(html);
            for (int r = 1; r < scores.size(); r++) {
                assertTrue(scores.get(r - 1) >= scores.get(r), "sorted best first: " + scores);
            }
            int best = store.best().orElseThrow().index();
            assertEquals(Integer.toString(best), rows.get(0)[1], "the best candidate heads the table");
            assertTrue(html.contains("Candidate <b>#" + best + "</b>"), "the best candidate is named");

            // the named hyperparameters are columns, the point is not
            assertTrue(html.contains("<th>lr</th>") && html.contains("<th>norm</th>"), "hyperparameter columns");
            assertFalse(html.contains("<th>point</th>"), "the point is not a hyperparameter");
            assertTrue(html.contains("java.lang.ArithmeticException: training loss is NaN at epoch 3"),
                    "the failed candidate's error");
            assertTrue(html.contains("host-a:4711:1") && html.contains(">cpu<"), "worker and device");
            assertTrue(html.contains("fc-net lr x norm grid"), "search name");
            for (CandidateStatus s : CandidateStatus.values()) {
                assertTrue(html.contains("<th class=\"" + s.name() + "\">"), "count of " + s);
            }

            assertEquals(List.of("best-over-time.png", "epoch-curves.png", "hp-1-lr.png", "hp-2-norm.png"),
                    out.plots().stream().map(p -> p.getFileName().toString()).toList());
            assertEquals(out.plots().stream().map(p -> "report/" + p.getFileName()).toList(), images(html),
                    "the page shows exactly the plots written");
            for (Path png : out.plots()) {
                assertPlot(png);
            }
            assertTrue(html.contains("logarithmic axis"), "lr spans three decades: log axis");
            assertTrue(html.contains("3 categories"), "norm: three categories");
            assertNoTemporaryFiles(tmp.resolve("out"));
        }
    }

    @Test
    void everythingFromTheDatabaseIsEscaped() throws IOException {
        ReportFixtures.Opened o = ReportFixtures.open(tmp.resolve("search.db"), "<b>bold</b> & \"quoted\" 'name'",
                Objective.MAXIMIZE);
        try (SearchStore store = o.store()) {
            store.addCandidates(List.of(
                    new CandidateSpec(0, "{\"<i>hp</i>/../x\": \"<script>alert(1)</script>\", \"point\": [0.5]}"),
                    new CandidateSpec(1, "{\"<i>hp</i>/../x\": \"a&b\", \"point\": [0.7]}")));
            Lease a = store.claim("w<1>&\"", "cuda:<0>", ReportFixtures.LEASE).orElseThrow();
            o.clock().advance(Duration.ofSeconds(10));
            store.complete(a, 0.4, 10);
            Lease b = store.claim("w2", "cpu", ReportFixtures.LEASE).orElseThrow();
            store.fail(b, "java.lang.IllegalStateException: </pre></details><script>alert('x')</script>", 1);

            SearchReport.Output out = SearchReport.write(store, tmp.resolve("out"));
            String html = Files.readString(out.html());
            assertFalse(html.contains("<script>alert"), "no markup from the database");
            assertFalse(html.contains("<b>bold</b>") || html.contains("<i>hp</i>"), "names escaped");
            assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &#39;name&#39;"), "name");
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "value");
            assertTrue(html.contains("&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(&#39;x&#39;)"), "error");
            assertTrue(html.contains("w&lt;1&gt;&amp;&quot;") && html.contains("cuda:&lt;0&gt;"), "worker, device");
            assertEquals(1, html.split("<script>", -1).length - 1, "only the page's own script");
            assertEquals(2, rows(html).size());
            // the hyperparameter's plot has a file name of its own, inside the plot folder
            Path hp = out.plots().get(out.plots().size() - 1);
            assertEquals(tmp.resolve("out").resolve("report"), hp.getParent());
            assertEquals("hp-1-_i_hp__i_____x.png", hp.getFileName().toString());
            assertPlot(hp);
        }
    }

    @Test
    void anEmptySearchGetsAPageThatSaysSoAndNoPlots() throws IOException {
        try (SearchStore store = ReportFixtures.open(tmp.resolve("search.db"), "empty", Objective.MAXIMIZE)
                .store()) {
            SearchReport.Output out = SearchReport.write(store, tmp.resolve("out"));
            String html = Files.readString(out.html());
            assertEquals(List.of(), out.plots());
            assertEquals(List.of(), images(html));
            assertTrue(html.contains("The search holds no candidates yet."));
            assertTrue(html.contains("No candidate has completed yet."));
            assertEquals(0, rows(html).size());
            assertFalse(Files.exists(tmp.resolve("out").resolve("report")), "no plot folder without plots");
        }
    }

    @Test
    void aSearchWhoseCandidatesAllFailedShowsTheErrorsAndOnlyTheEpochCurve() throws IOException {
        ReportFixtures.Opened o = ReportFixtures.open(tmp.resolve("search.db"), "all failed", Objective.MAXIMIZE);
        try (SearchStore store = o.store()) {
            List<CandidateSpec> specs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                specs.add(new CandidateSpec(i, ReportFixtures.gridCandidate(i)));
            }
            store.addCandidates(specs);
            for (int i = 0; i < 3; i++) {
                Lease l = store.claim("w", "cpu", ReportFixtures.LEASE).orElseThrow();
                if (i == 1) {
                    store.reportEpoch(l, 1, 0.21, 30);
                }
                o.clock().advance(Duration.ofSeconds(40));
                store.fail(l, "java.lang.OutOfMemoryError: candidate " + i, 40);
            }
            SearchReport.Output out = SearchReport.write(store, tmp.resolve("out"));
            String html = Files.readString(out.html());
            assertTrue(html.contains("Every candidate failed"));
            assertTrue(html.contains("No candidate has completed yet."));
            assertEquals(3, rows(html).size());
            for (int i = 0; i < 3; i++) {
                assertTrue(html.contains("java.lang.OutOfMemoryError: candidate " + i), "error " + i);
            }
            assertEquals(List.of("epoch-curves.png"), out.plots().stream().map(p -> p.getFileName().toString())
                    .toList(), "no score to plot; candidate 1's epoch is");
            assertPlot(out.plots().get(0));
        }
    }

    @Test
    void oneCandidateWithOneEpochIsPlottedOnWidenedAxes() throws IOException {
        ReportFixtures.Opened o = ReportFixtures.open(tmp.resolve("search.db"), "one", Objective.MINIMIZE);
        try (SearchStore store = o.store()) {
            store.addCandidates(List.of(new CandidateSpec(0, "{\"lr\": 0.001, \"depth\": 2, \"point\": [0.1, 0.2]}")));
            Lease l = store.claim("w", "cpu", ReportFixtures.LEASE).orElseThrow();
            o.clock().advance(Duration.ofSeconds(12));
            store.reportEpoch(l, 1, 1.7, 12);
            store.complete(l, 1.7, 12);
            SearchReport.Output out = SearchReport.write(store, tmp.resolve("out"));
            assertEquals(List.of("best-over-time.png", "epoch-curves.png", "hp-1-depth.png", "hp-2-lr.png"),
                    out.plots().stream().map(p -> p.getFileName().toString()).toList());
            for (Path png : out.plots()) {
                assertPlot(png);
            }
            String html = Files.readString(out.html());
            assertEquals(1, rows(html).size());
            assertTrue(html.contains("lower is better") || html.contains("minimize"), "the objective is shown");
        }
    }

    @Test
    void aMinimisedSearchIsSortedLowestFirst() throws IOException {
        ReportFixtures.Opened o = ReportFixtures.open(tmp.resolve("search.db"), "loss", Objective.MINIMIZE);
        try (SearchStore store = o.store()) {
            double[] losses = {0.9, 0.3, 1.2, 0.5};
            List<CandidateSpec> specs = new ArrayList<>();
            for (int i = 0; i < losses.length; i++) {
                specs.add(new CandidateSpec(i, ReportFixtures.gridCandidate(i)));
            }
            store.addCandidates(specs);
            for (double loss : losses) {
                Lease l = store.claim("w", "cpu", ReportFixtures.LEASE).orElseThrow();
                o.clock().advance(Duration.ofSeconds(5));
                store.complete(l, loss, 5);
            }
            String html = Files.readString(SearchReport.write(store, tmp.resolve("out")).html());
            assertEquals(List.of("1", "3", "0", "2"), rows(html).stream().map(r -> r[1]).toList());
            assertTrue(html.contains("Candidate <b>#1</b>"));
        }
    }

    @Test
    void axesFollowTheValues() {
        assertEquals(Hyperparameter.Axis.LOG, hp("[1e-5, 1e-3, 0.1]").axis());
        assertEquals(Hyperparameter.Axis.LINEAR, hp("[0.1, 0.27, 0.6]").axis());
        assertEquals(Hyperparameter.Axis.LINEAR, hp("[-1, 100]").axis(), "not all positive");
        Hyperparameter norm = hp("[\"none\", \"batch\", \"none\", \"layer\"]");
        assertEquals(Hyperparameter.Axis.CATEGORICAL, norm.axis());
        assertEquals(List.of("batch", "layer", "none"), norm.categories());
        assertEquals(List.of("1", "a"), hp("[1, \"a\"]").categories(), "mixed numbers and strings");
        assertEquals(List.of("[64,32]", "[64]"), hp("[[64], [64, 32]]").categories(), "lists");
        assertEquals(List.of("false", "true"), hp("[true, false]").categories(), "booleans");
        assertEquals(List.of("0.5"), hp("[0.5, 0.5]").categories(), "one value: one category");
    }

    @Test
    void writingAgainReplacesTheFilesAndLeavesNoTemporaryOnes() throws IOException {
        ReportFixtures.Opened o = ReportFixtures.realisticGrid(tmp.resolve("search.db"));
        try (SearchStore store = o.store()) {
            Path dir = tmp.resolve("out");
            SearchReport.write(store, dir);
            Lease l = store.claim("host-b:1:0", "cpu", ReportFixtures.LEASE).orElseThrow();
            o.clock().advance(Duration.ofMinutes(2));
            store.complete(l, 0.61, 120);
            String html = Files.readString(SearchReport.write(store, dir).html());
            assertTrue(html.contains("Candidate <b>#" + l.candidateIndex() + "</b>: validation score <b>0.61</b>"),
                    "the new best");
            assertFalse(rows(html).stream().anyMatch(r -> r[2].equals("PENDING")), "nothing pending any more");
            assertEquals(12, rows(html).size());
            assertNoTemporaryFiles(dir);
        }
    }

    private static Hyperparameter hp(String jsonArray) {
        try {
            com.fasterxml.jackson.databind.JsonNode a = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(jsonArray);
            List<com.fasterxml.jackson.databind.JsonNode> values = new ArrayList<>();
            a.forEach(values::add);
            return Hyperparameter.of("x", values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return each table row's rank, index and status */
    private static List<String[]> rows(String html) {
        List<String[]> rows = new ArrayList<>();
        int body = html.indexOf("<tbody>");
        if (body < 0) {
            return rows;
        }
        Matcher m = ROW.matcher(html.substring(body, html.indexOf("</tbody>")));
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return rows;
    }

    private static Set<Integer> indices(List<String[]> rows) {
        Set<Integer> s = new HashSet<>();
        rows.forEach(r -> s.add(Integer.parseInt(r[1])));
        return s;
    }

    private static List<Double> scores(String html) {
        Matcher m = Pattern.compile("<td class=\"COMPLETED\">completed</td><td class=\"num\" data-sort=\"([^\"]+)\"")
                .matcher(html);
        List<Double> s = new ArrayList<>();
        while (m.find()) {
            s.add(Double.parseDouble(m.group(1)));
        }
        return s;
    }

    private static List<String> images(String html) {
        Matcher m = IMG.matcher(html);
        List<String> s = new ArrayList<>();
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    /** A PNG of the plots' size with something drawn on it (more than a few colours). */
    private static void assertPlot(Path png) throws IOException {
        assertTrue(Files.size(png) > 0, png + " is empty");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not an image");
        assertEquals(ReportPlots.WIDTH, img.getWidth(), png + " width");
        assertEquals(ReportPlots.HEIGHT, img.getHeight(), png + " height");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, png + " has " + colours.size() + " colours: nothing drawn?");
    }

    private static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> tmp = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp);
        }
    }
}
