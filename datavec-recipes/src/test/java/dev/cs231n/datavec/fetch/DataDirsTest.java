package dev.cs231n.datavec.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirsTest {

    private final Path home = Paths.get("/home/someone");

    @Test
    void explicitDirectoryWins() {
        assertEquals(Paths.get("/data/x"),
                DataDirs.resolve(Paths.get("/data/x/"), Map.of(DataDirs.ENV, "/env/dir"), home));
    }

    @Test
    void environmentVariableIsNext() {
        assertEquals(Paths.get("/env/dir"), DataDirs.resolve(null, Map.of(DataDirs.ENV, "/env/dir"), home));
    }

    @Test
    void blankEnvironmentFallsBackToTheHomeCache() {
        Path expected = Paths.get("/home/someone/.cache/cs231n-datasets");
        assertEquals(expected, DataDirs.resolve(null, Map.of(DataDirs.ENV, "  "), home));
        assertEquals(expected, DataDirs.resolve(null, Map.of(), home));
    }

    @Test
    void relativeDirectoriesBecomeAbsolute() {
        assertEquals(Paths.get("rel").toAbsolutePath(), DataDirs.resolve(Paths.get("rel"), Map.of(), home));
    }
}
