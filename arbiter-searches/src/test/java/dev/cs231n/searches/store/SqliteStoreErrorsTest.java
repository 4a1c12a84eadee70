package dev.cs231n.searches.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SQLite storage does with URLs and files it must not use: each fails at open with a message naming the URL
 * or file, and leaves the file as it was.
 */
class SqliteStoreErrorsTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultUrlIsSearchDbInTheOutputFolderInWalMode() throws Exception {
        String url = SearchStore.defaultUrl(dir.resolve("run"));
        assertEquals("jdbc:sqlite:" + dir.toAbsolutePath().resolve("run").resolve("search.db"), url);
        Files.createDirectories(dir.resolve("run"));
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(1));
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT version FROM search_schema")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void aFileThatIsNotADatabaseFailsNamingItAndIsLeftAlone() throws Exception {
        Path file = dir.resolve("search.db");
        byte[] junk = "this is a CSV file, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, junk);
        SearchStoreException e = assertThrows(SearchStoreException.class,
                () -> SearchStore.open("jdbc:sqlite:" + file, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not an SQLite database"),
                e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(file));
    }

    @Test
    void aTruncatedSearchDatabaseFailsNamingIt() throws Exception {
        Path file = dir.resolve("search.db");
        String url = "jdbc:sqlite:" + file;
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(50));
        }
        byte[] whole = Files.readAllBytes(file);
        byte[] damaged = whole.clone();
        for (int i = 100; i < damaged.length; i++) {
            damaged[i] = (byte) 0xA5; // the header survives, every page is garbage
        }
        Files.write(file, damaged);
        SearchStoreException e = assertThrows(SearchStoreException.class,
                () -> SearchStore.open(url, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(file));
    }

    @Test
    void anotherProgramsSqliteDatabaseIsRefusedAndNotTouched() throws Exception {
        Path file = dir.resolve("app.db");
        String url = "jdbc:sqlite:" + file;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
            st.execute("INSERT INTO users (name) VALUES ('ada')");
        }
        byte[] before = Files.readAllBytes(file);
        SearchStoreException e = assertThrows(SearchStoreException.class,
                () -> SearchStore.open(url, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("users")
                && e.getMessage().contains("not a search database"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "not even switched to WAL");
    }

    @Test
    void anotherSearchLeavesTheFileByteForByte() throws Exception {
        Path file = dir.resolve("search.db");
        String url = "jdbc:sqlite:" + file;
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(4));
        }
        byte[] before = Files.readAllBytes(file);
        assertThrows(SearchStoreException.class, () -> SearchStore.open(url, StoreFixtures.randomSearch()));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("search.db-wal")) && Files.size(dir.resolve("search.db-wal")) > 0,
                "nothing pending in the WAL either");
    }

    @Test
    void aStoreOfAnotherSchemaVersionIsRefused() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("search.db");
        SearchStore.open(url, StoreFixtures.gridSearch()).close();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE search_schema SET version = 99");
        }
        SearchStoreException e = assertThrows(SearchStoreException.class,
                () -> SearchStore.open(url, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void aUrlThatCannotBeOpenedIsNamed() {
        String missingFolder = "jdbc:sqlite:" + dir.resolve("no/such/folder/search.db");
        SearchStoreException e = assertThrows(SearchStoreException.class,
                () -> SearchStore.open(missingFolder, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(missingFolder) && e.getMessage().contains("cannot be opened"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("no")));

        String aFolder = "jdbc:sqlite:" + dir;
        e = assertThrows(SearchStoreException.class, () -> SearchStore.open(aFolder, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(aFolder), e.getMessage());

        String unsupported = "jdbc:mysql://localhost/search";
        e = assertThrows(SearchStoreException.class, () -> SearchStore.open(unsupported, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(unsupported) && e.getMessage().contains("jdbc:sqlite:"), e.getMessage());

        String noServer = "jdbc:postgresql://127.0.0.1:1/search?connectTimeout=2";
        e = assertThrows(SearchStoreException.class, () -> SearchStore.open(noServer, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(noServer) && e.getMessage().contains("cannot be opened"), e.getMessage());

        assertThrows(SearchStoreException.class, () -> SearchStore.open(" ", StoreFixtures.gridSearch()));
    }

    @Test
    void searchDescriptionsValidateTheirJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SearchDescription("s", Objective.MAXIMIZE, "{\"lr\": [1,", "{}"));
        assertTrue(e.getMessage().contains("space"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SearchDescription(" ", Objective.MAXIMIZE, "{}", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new SearchDescription("s", null, "{}", "{}"));
        assertEquals(64, StoreFixtures.gridSearch().fingerprint().length());
    }
}
