package dev.cs231n.searches.store;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The candidates as one CSV table (Apache Commons CSV, RFC 4180 quoting): fixed columns, then one column per
 * top-level hyperparameter (the union over all candidates, in key order), then the hyperparameters as JSON.
 */
final class CsvExport {

    /** The fixed columns, in order. */
    static final List<String> COLUMNS = List.of("candidate", "status", "score", "seconds", "epochs", "attempts",
            "worker", "device", "started", "finished", "error");

    private CsvExport() {
    }

    static Path write(List<Candidate> candidates, Path file) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            keys.addAll(Json.topLevelFields(c.hyperparametersJson()).keySet());
        }
        List<String> header = new ArrayList<>(COLUMNS);
        for (String key : keys) {
            header.add(COLUMNS.contains(key) || key.equals("hyperparameters") ? "hp_" + key : key);
        }
        header.add("hyperparameters");

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build();
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(out, format)) {
                for (Candidate c : candidates) {
                    List<Object> row = new ArrayList<>(header.size());
                    row.add(c.index());
                    row.add(c.status());
                    row.add(c.score());
                    row.add(c.seconds());
                    row.add(c.epochs());
                    row.add(c.attempts());
                    row.add(c.workerId());
                    row.add(c.device());
                    row.add(text(c.startedAt()));
                    row.add(text(c.finishedAt()));
                    row.add(c.error());
                    Map<String, String> fields = Json.topLevelFields(c.hyperparametersJson());
                    for (String key : keys) {
                        row.add(fields.get(key));
                    }
                    row.add(c.hyperparametersJson());
                    csv.printRecord(row);
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new IOException("cannot write the candidates CSV " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
