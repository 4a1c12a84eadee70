package dev.cs231n.searches.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A search and its candidates in a database, shared by every worker of the search: an SQLite file (the default,
 * {@link #defaultUrl(Path)}) for workers on one machine, or a PostgreSQL database for workers on several.
 *
 * <p>Protocol: every worker {@linkplain #open opens} the store with the same {@link SearchDescription} (the first
 * creates the schema, the others check the fingerprint), {@linkplain #addCandidates adds} the strategy's
 * candidates (idempotent by index), then repeatedly {@linkplain #claim claims} one under a lease, renews the lease
 * ({@link #heartbeat}, {@link #reportEpoch}) while it trains, and records {@link #complete} or {@link #fail}. A
 * candidate whose lease expired (its worker was killed) is claimed again by the next worker; every operation with a
 * lease checks that the lease is still the caller's and throws {@link LeaseLostException} otherwise, so a result
 * is recorded once, by the worker that holds the candidate. Every change that touches more than one row is one
 * transaction: a crash leaves either all of it or none.
 *
 * <p>One instance holds one connection; its methods are synchronized, so a worker's training thread and its
 * heartbeat thread can share it. Workers in one process that should behave like separate processes open separate
 * instances.
 */
public final class SearchStore implements AutoCloseable {

    /** The file name of the default SQLite store in a job's output folder. */
    public static final String DEFAULT_FILE_NAME = "search.db";

    private static final int MAX_ERROR_CHARS = 20_000;
    private static final int TRANSACTION_RETRIES = 5;
    private static final String CANDIDATE_COLUMNS = "c.candidate_index, c.hyperparameters, c.status, c.worker_id, "
            + "c.device, c.lease_expires_ms, c.attempts, (SELECT COUNT(*) FROM epoch_score e WHERE "
            + "e.candidate_index = c.candidate_index AND e.attempt = c.attempts) AS epochs, c.score, c.seconds, "
            + "c.error, c.created_ms, c.started_ms, c.finished_ms";
    /** A lease is still its holder's while the candidate is RUNNING under the same worker and claim number. */
    private static final String HOLDS_LEASE = "candidate_index = ? AND status = 'RUNNING' AND worker_id = ? "
            + "AND claims = ?";

    private final String url;
    private final Dialect dialect;
    private final Connection connection;
    private final StoreOptions options;
    private SearchDescription description;
    private boolean closed;

    private SearchStore(String url, Dialect dialect, Connection connection, StoreOptions options) {
        this.url = url;
        this.dialect = dialect;
        this.connection = connection;
        this.options = options;
    }

    /**
     * @param outputDir a search job's output folder
     * @return {@code jdbc:sqlite:OUT/search.db} (absolute)
     */
    public static String defaultUrl(Path outputDir) {
        return "jdbc:sqlite:" + outputDir.toAbsolutePath().normalize().resolve(DEFAULT_FILE_NAME);
    }

    /**
     * {@link #open(String, SearchDescription, StoreOptions)} with {@link StoreOptions#defaults()}.
     *
     * @param url         a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
     * @param description the search this worker runs
     * @return the open store
     */
    public static SearchStore open(String url, SearchDescription description) {
        return open(url, description, StoreOptions.defaults());
    }

    /**
     * Creates the store for {@code description}, or opens the existing one if it holds the same search (same
     * fingerprint). Fails at once, writing nothing, if the URL cannot be opened, if the file is not a database or
     * is another program's database, if the store was written by another schema version, or if it holds another
     * search; each message names the URL (or file) and, for another search, both searches.
     *
     * @param url         a {@code jdbc:sqlite:/path/search.db} or {@code jdbc:postgresql://...} URL (for SQLite, the
     *                    folder must exist; the file is created)
     * @param description the search this worker runs
     * @param options     clock, attempts and timeouts
     * @return the open store
     * @throws SearchStoreException if the store cannot be used, with the reason
     */
    public static SearchStore open(String url, SearchDescription description, StoreOptions options) {
        if (description == null || options == null) {
            throw new IllegalArgumentException("description and options must not be null");
        }
        Dialect dialect = Dialect.of(url);
        Connection connection;
        try {
            connection = dialect.connect(url, options);
        } catch (SQLException e) {
            throw new SearchStoreException("search storage " + url + " cannot be opened: " + e.getMessage()
                    + (dialect == Dialect.SQLITE ? " (the folder of " + dialect.location(url)
                            + " must exist and be writable)" : ""), e);
        }
        SearchStore store = new SearchStore(url, dialect, connection, options);
        try {
            store.initialise(description);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void initialise(SearchDescription requested) {
        List<String> tables;
        try {
            tables = dialect.tables(connection);
        } catch (SQLException e) {
            if (dialect.isCorruptFile(e)) {
                throw new SearchStoreException("search storage " + url + ": the file " + dialect.location(url)
                        + " is not an SQLite database (or is damaged): " + e.getMessage()
                        + "; nothing was written to it. Give another --out or --storage, or move the file away.", e);
            }
            throw storageError("reading its tables", e);
        }
        if (tables.contains("search_schema")) {
            description = verify(requested);
            try {
                dialect.prepareForWriting(connection, options);
            } catch (SQLException e) {
                throw storageError("setting it up for writing", e);
            }
            return;
        }
        refuseForeign(tables);
        try {
            dialect.prepareForWriting(connection, options);
        } catch (SQLException e) {
            throw storageError("setting it up for writing", e);
        }
        description = transaction("creating the search", c -> {
            dialect.lockSchema(c);
            List<String> now = dialect.tables(c);
            if (now.contains("search_schema")) {
                return null; // another worker created it meanwhile; verified below, outside the write lock
            }
            refuseForeign(now);
            try (Statement st = c.createStatement()) {
                for (String ddl : Schema.CREATE) {
                    st.execute(ddl);
                }
                st.executeUpdate("INSERT INTO search_schema (version) VALUES (" + Schema.VERSION + ")");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO search (id, name, fingerprint, objective, "
                    + "space_json, strategy_json, created_ms) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, requested.name());
                ps.setString(2, requested.fingerprint());
                ps.setString(3, requested.objective().name());
                ps.setString(4, requested.spaceJson());
                ps.setString(5, requested.strategyJson());
                ps.setLong(6, options.clock().millis());
                ps.executeUpdate();
            }
            return requested;
        });
        if (description == null) {
            description = verify(requested);
        }
    }

    private void refuseForeign(List<String> tables) {
        List<String> ours = tables.stream().filter(Schema.TABLES::contains).toList();
        if (!ours.isEmpty() || (dialect == Dialect.SQLITE && !tables.isEmpty())) {
            throw new SearchStoreException("search storage " + url + " is not a search database: it has the tables "
                    + tables + " but no search_schema table; nothing was written to it. Give another --out or "
                    + "--storage" + (dialect == Dialect.POSTGRESQL ? " (or a schema of its own: ?currentSchema=...)"
                            : "") + ".");
        }
    }

    private SearchDescription verify(SearchDescription requested) {
        try (Statement st = connection.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("SELECT version FROM search_schema")) {
                if (!rs.next()) {
                    throw new SearchStoreException("search storage " + url + " is damaged: its search_schema table "
                            + "has no version row");
                }
                version = rs.getInt(1);
            }
            if (version != Schema.VERSION) {
                throw new SearchStoreException("search storage " + url + " was written with store schema version "
                        + version + "; this program reads version " + Schema.VERSION + ". Nothing was changed; use "
                        + "the program that wrote it, or a new --out or --storage.");
            }
            try (ResultSet rs = st.executeQuery("SELECT name, fingerprint, objective, space_json, strategy_json "
                    + "FROM search WHERE id = 1")) {
                if (!rs.next()) {
                    throw new SearchStoreException("search storage " + url + " is damaged: it has no search row");
                }
                SearchDescription stored = new SearchDescription(rs.getString(1), Objective.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5));
                String storedFingerprint = rs.getString(2);
                if (!storedFingerprint.equals(requested.fingerprint())) {
                    throw new SearchStoreException("search storage " + url + " holds another search: stored "
                            + stored.summary() + " (stored fingerprint " + storedFingerprint + "), this worker's "
                            + requested.summary() + " (fingerprint " + requested.fingerprint() + "). Nothing was "
                            + "written. Resume it with the same space, strategy and objective, or start this search "
                            + "with another --out or --storage.");
                }
                return stored;
            }
        } catch (SQLException e) {
            throw storageError("reading the search", e);
        }
    }

    /** @return the storage URL this store was opened from */
    public String url() {
        return url;
    }

    /** @return the search as stored (its name is the one it was created with) */
    public SearchDescription description() {
        return description;
    }

    /**
     * Adds candidates that are not there yet. A candidate whose index is already stored with the same
     * hyperparameters is skipped, so that every worker may add the whole grid; the same index with other
     * hyperparameters is an error (two workers generating different sequences) and nothing of the call is added.
     *
     * @param candidates the candidates to add
     * @return how many were new
     * @throws SearchStoreException if an index is stored with other hyperparameters
     */
    public synchronized int addCandidates(Collection<CandidateSpec> candidates) {
        Map<Integer, String> seen = new TreeMap<>(); // by index: one lock order for concurrent adders
        for (CandidateSpec spec : candidates) {
            String before = seen.putIfAbsent(spec.index(), spec.hyperparametersJson());
            if (before != null && !before.equals(spec.hyperparametersJson())) {
                throw new IllegalArgumentException("candidate " + spec.index() + " is given twice with different "
                        + "hyperparameters: " + before + " and " + spec.hyperparametersJson());
            }
        }
        return transaction("adding candidates", c -> {
            int added = 0;
            long now = options.clock().millis();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO candidate (candidate_index, "
                    + "hyperparameters, status, attempts, claims, created_ms) VALUES (?, ?, 'PENDING', 0, 0, ?) "
                    + "ON CONFLICT (candidate_index) DO NOTHING");
                    PreparedStatement stored = c.prepareStatement(
                            "SELECT hyperparameters FROM candidate WHERE candidate_index = ?")) {
                for (Map.Entry<Integer, String> e : seen.entrySet()) {
                    insert.setInt(1, e.getKey());
                    insert.setString(2, e.getValue());
                    insert.setLong(3, now);
                    if (insert.executeUpdate() == 1) {
                        added++;
                        continue;
                    }
                    stored.setInt(1, e.getKey());
                    try (ResultSet rs = stored.executeQuery()) {
                        rs.next();
                        String existing = rs.getString(1);
                        if (!existing.equals(e.getValue())) {
                            throw new SearchStoreException("search storage " + url + ": candidate " + e.getKey()
                                    + " is stored with hyperparameters " + existing + " but was added again with "
                                    + e.getValue() + "; the workers generate different candidates for one search. "
                                    + "Nothing of this call was added.");
                        }
                    }
                }
            }
            return added;
        });
    }

    /**
     * Claims the next candidate for {@code workerId}: the PENDING one with the lowest index, or a RUNNING one
     * whose lease has expired (its worker died). In one transaction it becomes RUNNING under this worker with one
     * more attempt and a lease of {@code leaseDuration}. Before that, RUNNING candidates whose lease expired on
     * their last allowed attempt ({@link StoreOptions#maxAttempts()}) are recorded as FAILED.
     *
     * @param workerId      who claims (unique per worker process or thread, e.g. {@code host:pid:n})
     * @param device        where the candidate will run, e.g. {@code cpu}, {@code cuda:0}
     * @param leaseDuration how long the claim holds without a renewal; a few heartbeat intervals
     * @return the lease, or empty if no candidate can be claimed now (RUNNING ones may still expire later)
     */
    public synchronized Optional<Lease> claim(String workerId, String device, Duration leaseDuration) {
        requireText(workerId, "workerId");
        requireText(device, "device");
        if (leaseDuration == null || leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("leaseDuration must be positive, got " + leaseDuration);
        }
        return transaction("claiming a candidate", c -> {
            long now = options.clock().millis();
            try (PreparedStatement abandon = c.prepareStatement("UPDATE candidate SET status = 'FAILED', "
                    + "error = 'abandoned: the lease of each of its ' || attempts || ' attempts expired (its worker "
                    + "died or hung); the last worker was ' || worker_id, finished_ms = ?, lease_expires_ms = NULL "
                    + "WHERE status = 'RUNNING' AND lease_expires_ms < ? AND attempts >= ?")) {
                abandon.setLong(1, now);
                abandon.setLong(2, now);
                abandon.setInt(3, options.maxAttempts());
                abandon.executeUpdate();
            }
            String claimable = "(status = 'PENDING' OR (status = 'RUNNING' AND lease_expires_ms < ?))";
            try (PreparedStatement next = c.prepareStatement("SELECT candidate_index, hyperparameters, attempts, "
                    + "claims FROM candidate WHERE " + claimable + " ORDER BY candidate_index LIMIT 1"
                    + dialect.lockSuffix());
                    PreparedStatement take = c.prepareStatement("UPDATE candidate SET status = 'RUNNING', "
                            + "worker_id = ?, device = ?, lease_expires_ms = ?, attempts = attempts + 1, "
                            + "claims = claims + 1, started_ms = ?, score = NULL, seconds = NULL, error = NULL, "
                            + "finished_ms = NULL WHERE candidate_index = ? AND claims = ? AND " + claimable)) {
                next.setLong(1, now);
                try (ResultSet rs = next.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Lease>empty();
                    }
                    int index = rs.getInt(1);
                    String hyperparameters = rs.getString(2);
                    int attempts = rs.getInt(3);
                    int claims = rs.getInt(4);
                    long expires = now + leaseDuration.toMillis();
                    take.setString(1, workerId);
                    take.setString(2, device);
                    take.setLong(3, expires);
                    take.setLong(4, now);
                    take.setInt(5, index);
                    take.setInt(6, claims);
                    take.setLong(7, now);
                    if (take.executeUpdate() != 1) {
                        // cannot happen under the row lock / write lock; retried as a conflict if it does
                        throw new SQLException("candidate " + index + " changed while being claimed", "40001");
                    }
                    return Optional.of(new Lease(index, hyperparameters, workerId, device, attempts + 1, claims + 1,
                            Instant.ofEpochMilli(expires), leaseDuration));
                }
            }
        });
    }

    /**
     * Renews a lease by its duration from now.
     *
     * @param lease the caller's lease
     * @return the new expiry
     * @throws LeaseLostException if another worker has claimed the candidate (or it is no longer RUNNING)
     */
    public synchronized Instant heartbeat(Lease lease) {
        return transaction("renewing a lease", c -> Instant.ofEpochMilli(renew(c, lease)));
    }

    /**
     * Records the score after one epoch of the leased attempt and renews the lease.
     *
     * @param lease   the caller's lease
     * @param epoch   the epoch number, unique within the attempt
     * @param score   the validation score after it; finite
     * @param seconds the epoch's wall-clock seconds; &gt;= 0
     * @throws LeaseLostException    if the lease was taken over; nothing is recorded
     * @throws IllegalArgumentException if the score is NaN or infinite (the caller fails the candidate)
     * @throws IllegalStateException if this epoch was already reported in this attempt
     */
    public synchronized void reportEpoch(Lease lease, int epoch, double score, double seconds) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("candidate " + lease.candidateIndex() + ": epoch " + epoch
                    + " score is " + score);
        }
        requireSeconds(seconds);
        transaction("recording an epoch", c -> {
            renew(c, lease);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO epoch_score (candidate_index, attempt, epoch, "
                    + "score, seconds, recorded_ms) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (candidate_index, attempt, epoch) DO NOTHING")) {
                ps.setInt(1, lease.candidateIndex());
                ps.setInt(2, lease.attempt());
                ps.setInt(3, epoch);
                ps.setDouble(4, score);
                ps.setDouble(5, seconds);
                ps.setLong(6, options.clock().millis());
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("candidate " + lease.candidateIndex() + " attempt "
                            + lease.attempt() + ": epoch " + epoch + " was already reported");
                }
            }
            return null;
        });
    }

    /**
     * Records the leased candidate as COMPLETED with its final score.
     *
     * @param lease   the caller's lease
     * @param score   the final validation score; finite (a NaN is a {@link #fail})
     * @param seconds the attempt's wall-clock seconds
     * @throws LeaseLostException if the lease was taken over; nothing is recorded
     */
    public synchronized void complete(Lease lease, double score, double seconds) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("candidate " + lease.candidateIndex() + ": final score is " + score
                    + "; record a non-finite score with fail()");
        }
        requireSeconds(seconds);
        finish(lease, "COMPLETED", score, seconds, null);
    }

    /**
     * Records the leased candidate as FAILED with its error; the search goes on without it.
     *
     * @param lease   the caller's lease
     * @param error   what went wrong (a stack trace is fine; cut to 20,000 characters)
     * @param seconds the attempt's wall-clock seconds until it failed
     * @throws LeaseLostException if the lease was taken over; nothing is recorded
     */
    public synchronized void fail(Lease lease, String error, double seconds) {
        requireSeconds(seconds);
        String text = error == null || error.isBlank() ? "(no message)" : Json.abbreviate(error, MAX_ERROR_CHARS);
        finish(lease, "FAILED", null, seconds, text);
    }

    /**
     * Gives a leased candidate back without a result (the worker is stopping): it becomes PENDING, the attempt is
     * not counted and its epoch scores are deleted. The lease is dead afterwards, also for a later claim of the
     * same candidate by the same worker (the claim number only grows).
     *
     * @param lease the caller's lease
     * @throws LeaseLostException if the lease was taken over
     */
    public synchronized void release(Lease lease) {
        transaction("releasing a candidate", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM epoch_score WHERE candidate_index = ? AND attempt = ?")) {
                ps.setInt(1, lease.candidateIndex());
                ps.setInt(2, lease.attempt());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE candidate SET status = 'PENDING', "
                    + "lease_expires_ms = NULL, attempts = attempts - 1, started_ms = NULL WHERE " + HOLDS_LEASE)) {
                bindLease(ps, 1, lease);
                if (ps.executeUpdate() != 1) {
                    throw leaseLost(c, lease, "release");
                }
            }
            return null;
        });
    }

    private void finish(Lease lease, String status, Double score, double seconds, String error) {
        transaction("recording a result", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE candidate SET status = ?, score = ?, seconds = ?, "
                    + "error = ?, finished_ms = ?, lease_expires_ms = NULL WHERE " + HOLDS_LEASE)) {
                ps.setString(1, status);
                if (score == null) {
                    ps.setNull(2, Types.DOUBLE);
                } else {
                    ps.setDouble(2, score);
                }
                ps.setDouble(3, seconds);
                ps.setString(4, error);
                ps.setLong(5, options.clock().millis());
                bindLease(ps, 6, lease);
                if (ps.executeUpdate() != 1) {
                    throw leaseLost(c, lease, "record " + status);
                }
            }
            return null;
        });
    }

    private long renew(Connection c, Lease lease) throws SQLException {
        long expires = options.clock().millis() + lease.duration().toMillis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE candidate SET lease_expires_ms = ? WHERE "
                + HOLDS_LEASE)) {
            ps.setLong(1, expires);
            bindLease(ps, 2, lease);
            if (ps.executeUpdate() != 1) {
                throw leaseLost(c, lease, "renew the lease of");
            }
        }
        return expires;
    }

    private static void bindLease(PreparedStatement ps, int first, Lease lease) throws SQLException {
        ps.setInt(first, lease.candidateIndex());
        ps.setString(first + 1, lease.workerId());
        ps.setInt(first + 2, lease.claim());
    }

    private LeaseLostException leaseLost(Connection c, Lease lease, String what) throws SQLException {
        String now = "is not stored";
        try (PreparedStatement ps = c.prepareStatement("SELECT status, worker_id, attempts FROM candidate "
                + "WHERE candidate_index = ?")) {
            ps.setInt(1, lease.candidateIndex());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    now = "is " + rs.getString(1) + " under worker " + rs.getString(2) + " attempt " + rs.getInt(3);
                }
            }
        }
        return new LeaseLostException(lease.candidateIndex(), "search storage " + url + ": worker "
                + lease.workerId() + " cannot " + what + " candidate " + lease.candidateIndex() + " (its attempt "
                + lease.attempt() + "): the lease was lost; the candidate " + now);
    }

    /** @return every candidate, by index */
    public synchronized List<Candidate> candidates() {
        return query("reading candidates", "SELECT " + CANDIDATE_COLUMNS + " FROM candidate c "
                + "ORDER BY c.candidate_index", ps -> { });
    }

    /**
     * @param index a candidate index
     * @return that candidate, if stored
     */
    public synchronized Optional<Candidate> candidate(int index) {
        return query("reading a candidate", "SELECT " + CANDIDATE_COLUMNS + " FROM candidate c "
                + "WHERE c.candidate_index = ?", ps -> ps.setInt(1, index)).stream().findFirst();
    }

    /** @return the COMPLETED candidate with the best score under the search's objective (lowest index on ties) */
    public synchronized Optional<Candidate> best() {
        return query("reading the best candidate", "SELECT " + CANDIDATE_COLUMNS + " FROM candidate c "
                + "WHERE c.status = 'COMPLETED' ORDER BY c.score " + description.objective().bestFirst()
                + ", c.candidate_index LIMIT 1", ps -> { }).stream().findFirst();
    }

    /** @return how many candidates are in each status (every status present, zero if none) */
    public synchronized Map<CandidateStatus, Integer> counts() {
        Map<CandidateStatus, Integer> counts = new EnumMap<>(CandidateStatus.class);
        for (CandidateStatus s : CandidateStatus.values()) {
            counts.put(s, 0);
        }
        ensureOpen();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM candidate GROUP BY status")) {
            while (rs.next()) {
                counts.put(CandidateStatus.valueOf(rs.getString(1)), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw storageError("counting candidates", e);
        }
        return counts;
    }

    /** @return whether candidates exist and every one is COMPLETED or FAILED */
    public synchronized boolean isFinished() {
        Map<CandidateStatus, Integer> counts = counts();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return total > 0 && counts.get(CandidateStatus.PENDING) == 0 && counts.get(CandidateStatus.RUNNING) == 0;
    }

    /**
     * @param index a candidate index
     * @return its epoch scores, of every attempt, by attempt then epoch
     */
    public synchronized List<EpochScore> epochScores(int index) {
        return epochQuery("WHERE candidate_index = ? ", ps -> ps.setInt(1, index));
    }

    /** @return every epoch score of every candidate, by candidate, attempt, epoch */
    public synchronized List<EpochScore> epochScores() {
        return epochQuery("", ps -> { });
    }

    /**
     * Writes every candidate as CSV (RFC 4180, a header row, one column per top-level hyperparameter) to
     * {@code file}, through a temporary file in the same folder moved into place, so a reader never sees half.
     *
     * @param file the CSV file to (over)write
     * @return {@code file}
     * @throws IOException if it cannot be written (naming it)
     */
    public Path exportCsv(Path file) throws IOException {
        return CsvExport.write(candidates(), file);
    }

    /** Closes the connection; the store cannot be used afterwards. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw storageError("closing", e);
        }
    }

    private List<EpochScore> epochQuery(String where, Binder binder) {
        ensureOpen();
        List<EpochScore> scores = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT candidate_index, attempt, epoch, score, "
                + "seconds FROM epoch_score " + where + "ORDER BY candidate_index, attempt, epoch")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    scores.add(new EpochScore(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4),
                            rs.getDouble(5)));
                }
            }
        } catch (SQLException e) {
            throw storageError("reading epoch scores", e);
        }
        return scores;
    }

    private List<Candidate> query(String what, String sql, Binder binder) {
        ensureOpen();
        List<Candidate> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Candidate(rs.getInt(1), rs.getString(2), CandidateStatus.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), instant(rs, 6), rs.getInt(7), rs.getInt(8),
                            nullableDouble(rs, 9), nullableDouble(rs, 10), rs.getString(11), instant(rs, 12),
                            instant(rs, 13), instant(rs, 14)));
                }
            }
        } catch (SQLException e) {
            throw storageError(what, e);
        }
        return result;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Runs {@code work} as one write transaction, rolling it back on any failure; conflicts the database reports
     * as retryable are run again.
     */
    private synchronized <T> T transaction(String what, Work<T> work) {
        ensureOpen();
        for (int attempt = 1;; attempt++) {
            try {
                dialect.begin(connection);
                T result = work.run(connection);
                dialect.commit(connection);
                return result;
            } catch (SQLException e) {
                rollbackQuietly(e);
                if (dialect.isRetryable(e) && attempt < TRANSACTION_RETRIES) {
                    continue;
                }
                throw storageError(what, e);
            } catch (RuntimeException e) {
                rollbackQuietly(e);
                throw e;
            }
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            dialect.rollback(connection);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("search storage " + url + " is closed");
        }
    }

    private SearchStoreException storageError(String what, SQLException e) {
        return new SearchStoreException("search storage " + url + ": " + what + " failed: " + e.getMessage(), e);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be finite and >= 0, got " + seconds);
        }
    }

    /** A transaction's body. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Binds a query's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
