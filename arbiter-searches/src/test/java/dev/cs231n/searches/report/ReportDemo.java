package dev.cs231n.searches.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import dev.cs231n.searches.store.SearchStore;

/**
 * Writes the report of {@link ReportFixtures#realisticGrid} (12 candidates of lr x norm, 10 completed, one failed,
 * one pending) into a folder, for looking at it in a browser; {@code docs/report-screenshot.png} is this page in
 * headless Chromium (see REPORT.md). Not a test.
 */
public final class ReportDemo {

    private ReportDemo() {
    }

    /**
     * @param args the output folder (must not hold a {@code search.db} yet)
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "target/report-demo");
        Files.createDirectories(dir);
        try (SearchStore store = ReportFixtures.realisticGrid(dir.resolve(SearchStore.DEFAULT_FILE_NAME)).store()) {
            System.out.println(SearchReport.write(store, dir).html().toAbsolutePath());
        }
    }
}
