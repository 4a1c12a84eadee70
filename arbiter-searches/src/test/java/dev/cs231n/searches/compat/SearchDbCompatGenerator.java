package dev.cs231n.searches.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.store.CandidateSpec;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import dev.cs231n.searches.store.StoreOptions;

/**
 * Writes the search store's compatibility artifact into a <em>new</em> version folder, e.g.
 * {@code arbiter-searches/src/test/resources/compat/v2/}: {@value SearchDbCase#DB_FILE} (an SQLite store of the
 * current schema holding {@link SearchDbCase}'s search, played by two workers on two connections with a stepped
 * clock), {@value SearchDbCase#SEARCH_FILE} (its description and fingerprint) and
 * {@value SearchDbCase#CANDIDATES_FILE} (every candidate's fields and epoch scores as read back right after).
 *
 * <p><b>Run only when the store's format deliberately changes, into a new version folder; never overwrite
 * {@code v1}</b>: the stored file is the record of what users' searches persisted, and {@code SearchDbCompatTest}
 * keeps opening it. The generator refuses to write into an existing folder. From the repository root:
 *
 * <pre>
 * mvn -q -o -pl arbiter-searches -am test-compile
 * mvn -q -o -pl arbiter-searches dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp arbiter-searches/target/test-classes:arbiter-searches/target/classes:$(cat /tmp/cp.txt) \
 *     dev.cs231n.searches.compat.SearchDbCompatGenerator arbiter-searches/src/test/resources/compat v2
 * </pre>
 */
public final class SearchDbCompatGenerator {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SearchDbCompatGenerator() {
    }

    /**
     * @param args the {@code compat} folder and the new version's name (e.g. {@code v2})
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SearchDbCompatGenerator COMPAT_DIR VERSION   (e.g. "
                    + "arbiter-searches/src/test/resources/compat v2)");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]).resolve(args[1]);
        if (Files.exists(dir)) {
            throw new IOException(dir + " exists: stored artifacts are never overwritten; choose a new version");
        }
        Path work = Files.createTempDirectory("compat-search-db");
        Path db = work.resolve(SearchDbCase.DB_FILE);
        SpaceCandidates<?> candidates = SearchDbCase.candidates();
        SearchDescription description = SearchDbCase.description(candidates);
        List<CandidateSpec> specs = SearchDbCase.specs(candidates);
        SearchDbCase.SteppedClock clock = new SearchDbCase.SteppedClock();
        StoreOptions options = StoreOptions.defaults().withClock(clock);
        Map<String, Object> records = new LinkedHashMap<>();
        try (SearchStore a = SearchStore.open(SearchStore.defaultUrl(work), description, options);
                SearchStore b = SearchStore.open(SearchStore.defaultUrl(work), description, options)) {
            a.addCandidates(specs);
            b.addCandidates(specs); // every worker adds the grid; the second add is a no-op
            SearchDbCase.play(a, b, clock);
            records.put("candidates", SearchDbCase.records(a.candidates()));
            records.put("epoch_scores", SearchDbCase.epochRecords(a.epochScores()));
        }
        for (String side : List.of("-wal", "-shm", "-journal")) {
            if (Files.exists(work.resolve(SearchDbCase.DB_FILE + side))) {
                throw new IOException(db + side + " is left after closing: the store was not checkpointed");
            }
        }
        Files.createDirectories(dir);
        Files.copy(db, dir.resolve(SearchDbCase.DB_FILE));
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("name", description.name());
        search.put("objective", description.objective().name());
        search.put("space_json", description.spaceJson());
        search.put("strategy_json", description.strategyJson());
        search.put("fingerprint", description.fingerprint());
        JSON.writeValue(dir.resolve(SearchDbCase.SEARCH_FILE).toFile(), search);
        JSON.writeValue(dir.resolve(SearchDbCase.CANDIDATES_FILE).toFile(), records);
        Files.delete(db);
        Files.delete(work);
        System.out.println("compat: wrote " + dir + " (" + Files.size(dir.resolve(SearchDbCase.DB_FILE))
                + " bytes of " + SearchDbCase.DB_FILE + ")");
    }
}
