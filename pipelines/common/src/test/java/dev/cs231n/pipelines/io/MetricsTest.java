package dev.cs231n.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    @Test
    void writesAFlatObjectAndReadsItBack(@TempDir Path dir) throws IOException {
        Path f = new Metrics().put("test_accuracy", 0.513).put("epochs", 10).put("best", "lr=1e-3").write(dir);
        Map<String, Object> m = Metrics.read(f);
        assertEquals(List.of("test_accuracy", "epochs", "best"), List.copyOf(m.keySet()));
        assertEquals(0.513, ((Number) m.get("test_accuracy")).doubleValue());
        assertEquals(10, ((Number) m.get("epochs")).intValue());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void rejectsNonFiniteValuesAndNestedKeys() {
        assertThrows(IllegalArgumentException.class, () -> new Metrics().put("loss", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Metrics().put("a.b", 1));
        assertThrows(IllegalArgumentException.class, () -> new Metrics().put("Val", 1));
    }

    @Test
    void aFailedWriteLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[] {'n', 'e'});
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void malformedMetricsNameTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(Metrics.FILE_NAME);
        Files.writeString(f, "{not json");
        IOException e = assertThrows(IOException.class, () -> Metrics.read(f));
        assertEquals(true, e.getMessage().contains(f.toString()));
    }
}
