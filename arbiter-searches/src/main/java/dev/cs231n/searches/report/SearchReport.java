package dev.cs231n.searches.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.cs231n.searches.store.SearchStore;

/**
 * The report of a search, from its store alone, in one call:
 *
 * <pre>{@code
 * try (SearchStore store = SearchStore.open(url, description)) {
 *     SearchReport.write(store, out);   // out/report.html, out/report/*.png
 * }
 * }</pre>
 *
 * <p>Writes into {@code dir}: the PNG plots into {@code dir/}{@value #PLOT_DIR}{@code /} ({@link ReportPlots}: the
 * validation score against each named hyperparameter, the best score so far over wall-clock time, the score per
 * epoch of each candidate), then {@code dir/}{@value #HTML} (the search's name, objective, strategy and space, counts
 * by status, the best candidate and its hyperparameters, every candidate in a table sorted best first, sortable by
 * any column, with its score per epoch, time, attempts, worker, device and, for a failed one, its error), which
 * links the plots. Every file is written to a temporary file and moved into place, and the page last, so a reader
 * never sees half a file nor a page whose plots are missing. A candidate's named hyperparameters are the keys of
 * its hyperparameters JSON except {@code point} ({@code SpaceCandidates.POINT}). A search with no candidates, or no
 * completed one, gets a page that says so and only the plots that have data. It may be called while workers run
 * (it reads a snapshot) and again later: each call replaces the files.
 */
public final class SearchReport {

    /** The page's file name in the report folder. */
    public static final String HTML = "report.html";
    /** The plots' folder, relative to the page. */
    public static final String PLOT_DIR = "report";

    private SearchReport() {
    }

    /**
     * The files a report consists of.
     *
     * @param html  {@code dir/report.html}
     * @param plots the PNG plots written (the page links exactly these), in the page's order
     */
    public record Output(Path html, List<Path> plots) {
    }

    /**
     * Writes the report of the search in {@code store} into {@code dir} (created if missing).
     *
     * @param store an open store
     * @param dir   the folder for {@value #HTML} and {@value #PLOT_DIR}{@code /}, e.g. the search job's {@code --out}
     * @return the files written
     * @throws IOException when a file cannot be written (naming it); files already published stay whole
     */
    public static Output write(SearchStore store, Path dir) throws IOException {
        return write(store, dir, Clock.systemUTC());
    }

    /**
     * {@link #write(SearchStore, Path)} with the clock that stamps the page's "generated" time.
     *
     * @param store an open store
     * @param dir   the report folder
     * @param clock gives the generation time
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static Output write(SearchStore store, Path dir, Clock clock) throws IOException {
        if (store == null || dir == null || clock == null) {
            throw new IllegalArgumentException("store, dir and clock must not be null");
        }
        ReportData data = ReportData.read(store);
        java.nio.file.Files.createDirectories(dir);
        Path plotDir = dir.resolve(PLOT_DIR);
        List<ReportPlots.Plot> plots = ReportPlots.write(data, plotDir);
        Path html = dir.resolve(HTML);
        AtomicWrite.writeString(html, ReportHtml.page(data, plots, PLOT_DIR, clock.instant()));
        return new Output(html, plots.stream().map(ReportPlots.Plot::file).toList());
    }
}
