package dev.cs231n.pipelines.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.cs231n.searches.run.SearchRunner;
import dev.cs231n.searches.run.SearchSplits;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.run.Termination;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateTask;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * A job's fixed sweep (the {@code svm} / {@code softmax} grid, the {@code features} grids) run on the search
 * engine: an Arbiter grid over the space, stored in {@code OUT/<name>.db} (SQLite), trained by {@link SearchRunner}
 * workers on train + validation with the test split closed. A rerun with {@code --resume} opens the same database
 * and trains only what is not final yet (a different grid is refused by the store, naming the file).
 */
public final class EngineSweep {

    private EngineSweep() {
    }

    /**
     * @param name    the search's name and database file stem (e.g. {@code search} for {@code OUT/search.db})
     * @param space   the Arbiter space (its named leaves: {@code named})
     * @param named   the hyperparameters by name
     * @param data    the guarded splits (the test split is closed while the sweep runs)
     * @param tasks   a task per worker
     * @param out     the output folder
     * @param workers candidates trained at once
     * @param log     progress lines
     * @return every candidate, final (COMPLETED, or FAILED with its error), in index order
     * @throws IllegalStateException when a candidate is not final
     * @throws java.io.IOException  when the database folder cannot be made
     * @throws InterruptedException  when interrupted
     */
    public static List<Candidate> grid(String name, ParameterSpace<?> space, Map<String, ParameterSpace<?>> named,
            SearchSplits data, Supplier<CandidateTask> tasks, Path out, int workers,
            java.util.function.Consumer<String> log) throws java.io.IOException, InterruptedException {
        SpaceCandidates<?> candidates = SpaceCandidates.of(space, named, Strategy.grid(2));
        Termination all = new Termination(candidates.size(), null);
        String url = "jdbc:sqlite:" + out.resolve(name + ".db");
        Files.createDirectories(out);
        SearchDescription description = new SearchDescription(name + " grid", Objective.MAXIMIZE,
                candidates.spaceJson(), Strategy.grid(2).toJson());
        try (SearchStore store = SearchStore.open(url, description)) {
            int added = store.addCandidates(candidates.candidates(all));
            long done = store.candidates().stream().filter(c -> c.status().isFinal()).count();
            log.accept(String.format("%s: grid of %d on the search engine (%s; %d new, %d already done)", name,
                    candidates.size(), url, added, done));
            data.beginSearch();
            try {
                SearchRunner.builder(store, tasks::get).workers(workers).threadsPerWorker(Math.max(1,
                        Runtime.getRuntime().availableProcessors() / workers)).lease(Duration.ofSeconds(120)).build()
                        .run();
            } finally {
                data.endSearch();
            }
            List<Candidate> result = store.candidates();
            for (Candidate c : result) {
                if (!c.status().isFinal()) {
                    throw new IllegalStateException(name + ": candidate " + c.index() + " " + c.hyperparametersJson()
                            + " is still " + c.status() + " (another worker holds it); rerun with --resume");
                }
            }
            return result;
        }
    }
}
