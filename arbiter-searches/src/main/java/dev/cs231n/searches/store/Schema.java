package dev.cs231n.searches.store;

import java.util.List;

/**
 * The store's tables, in SQL that SQLite and PostgreSQL both accept. Times are milliseconds since the epoch (UTC)
 * in BIGINT columns, so both databases store and compare them alike. Changing a table means a new
 * {@link #VERSION} and a migration; a store written by another version is refused, never rewritten.
 */
final class Schema {

    /** The version this code writes and reads, stored in {@code search_schema}. */
    static final int VERSION = 1;

    /** Tables that belong to a store; any of them present without {@code search_schema} means a foreign database. */
    static final List<String> TABLES = List.of("search_schema", "search", "candidate", "epoch_score");

    static final List<String> CREATE = List.of(
            "CREATE TABLE search_schema (version INTEGER NOT NULL)",
            "CREATE TABLE search ("
                    + "id INTEGER PRIMARY KEY CHECK (id = 1), "
                    + "name TEXT NOT NULL, "
                    + "fingerprint TEXT NOT NULL, "
                    + "objective TEXT NOT NULL CHECK (objective IN ('MAXIMIZE', 'MINIMIZE')), "
                    + "space_json TEXT NOT NULL, "
                    + "strategy_json TEXT NOT NULL, "
                    + "created_ms BIGINT NOT NULL)",
            "CREATE TABLE candidate ("
                    + "candidate_index INTEGER PRIMARY KEY CHECK (candidate_index >= 0), "
                    + "hyperparameters TEXT NOT NULL, "
                    + "status TEXT NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')), "
                    + "worker_id TEXT, "
                    + "device TEXT, "
                    + "lease_expires_ms BIGINT, "
                    + "attempts INTEGER NOT NULL, "
                    + "claims INTEGER NOT NULL, "
                    + "score DOUBLE PRECISION, "
                    + "seconds DOUBLE PRECISION, "
                    + "error TEXT, "
                    + "created_ms BIGINT NOT NULL, "
                    + "started_ms BIGINT, "
                    + "finished_ms BIGINT)",
            "CREATE INDEX candidate_by_status ON candidate (status, candidate_index)",
            "CREATE TABLE epoch_score ("
                    + "candidate_index INTEGER NOT NULL REFERENCES candidate (candidate_index), "
                    + "attempt INTEGER NOT NULL, "
                    + "epoch INTEGER NOT NULL, "
                    + "score DOUBLE PRECISION NOT NULL, "
                    + "seconds DOUBLE PRECISION NOT NULL, "
                    + "recorded_ms BIGINT NOT NULL, "
                    + "PRIMARY KEY (candidate_index, attempt, epoch))");

    private Schema() {
    }
}
