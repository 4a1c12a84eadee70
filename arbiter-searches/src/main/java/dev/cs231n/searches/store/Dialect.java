package dev.cs231n.searches.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the two supported databases: how a connection is opened and set up, how a write
 * transaction begins, how tables are listed, and how a claim locks its row.
 *
 * <p>SQLite: one file shared by processes on one machine; WAL journal (readers never block the writer), a busy
 * timeout (a writer waits for another process's lock instead of failing), and {@code BEGIN IMMEDIATE} for every
 * write transaction, so a claim holds the write lock from its first read and two processes cannot claim the same
 * candidate. PostgreSQL: READ COMMITTED transactions, claims by {@code SELECT ... FOR UPDATE SKIP LOCKED}, schema
 * creation serialised by a transaction-level advisory lock.
 */
enum Dialect {

    /** {@code jdbc:sqlite:FILE}. */
    SQLITE("jdbc:sqlite:") {
        @Override
        Connection connect(String url, StoreOptions options) throws SQLException {
            Connection connection = DriverManager.getConnection(url);
            try (Statement st = connection.createStatement()) {
                // Connection settings only; nothing is written to the file here.
                st.execute("PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
                st.execute("PRAGMA foreign_keys = ON");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }

        @Override
        void prepareForWriting(Connection connection, StoreOptions options) throws SQLException {
            // Switching a fresh file to WAL needs the file to itself and reports SQLITE_BUSY at once, without the
            // busy timeout, while another worker opening the same fresh file holds it: retry within the timeout.
            long deadline = System.nanoTime() + options.busyTimeout().toNanos();
            while (true) {
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    String mode = rs.next() ? rs.getString(1) : null;
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new SQLException("could not switch the journal to WAL (journal_mode is " + mode
                                + "); a search database must be on a local file system that supports shared memory");
                    }
                    return;
                } catch (SQLException e) {
                    boolean busy = e.getErrorCode() == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
                    if (!busy || System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting to switch the journal to WAL", e);
                }
            }
        }

        @Override
        void begin(Connection connection) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            }
        }

        @Override
        void commit(Connection connection) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("COMMIT");
            }
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                return;
            }
            try (Statement st = connection.createStatement()) {
                st.execute("ROLLBACK");
            } catch (SQLException e) {
                // "no transaction is active": the failed statement already rolled it back
                if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                    throw e;
                }
            }
        }

        @Override
        String listTablesSql() {
            return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        }

        @Override
        String lockSuffix() {
            return "";
        }

        @Override
        void lockSchema(Connection connection) {
            // BEGIN IMMEDIATE already serialises writers on the file.
        }

        @Override
        boolean isRetryable(SQLException e) {
            return false; // the busy timeout already waited; BEGIN IMMEDIATE leaves no deadlock to retry
        }

        @Override
        boolean isCorruptFile(SQLException e) {
            String message = String.valueOf(e.getMessage());
            return e.getErrorCode() == 26 || e.getErrorCode() == 11 || message.contains("SQLITE_NOTADB")
                    || message.contains("SQLITE_CORRUPT");
        }
    },

    /** {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?user=...&password=...&currentSchema=...]}. */
    POSTGRESQL("jdbc:postgresql:") {
        @Override
        Connection connect(String url, StoreOptions options) throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        void prepareForWriting(Connection connection, StoreOptions options) {
            // nothing to set up
        }

        @Override
        void begin(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }

        @Override
        void commit(Connection connection) throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        @Override
        String listTablesSql() {
            return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
        }

        @Override
        String lockSuffix() {
            return " FOR UPDATE SKIP LOCKED";
        }

        @Override
        void lockSchema(Connection connection) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(231014)");
            }
        }

        @Override
        boolean isRetryable(SQLException e) {
            // serialization_failure, deadlock_detected
            return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
        }

        @Override
        boolean isCorruptFile(SQLException e) {
            return false;
        }
    };

    private final String prefix;

    Dialect(String prefix) {
        this.prefix = prefix;
    }

    /**
     * @param url a JDBC URL
     * @return its dialect
     * @throws SearchStoreException for a URL of another database, naming it and the supported forms
     */
    static Dialect of(String url) {
        if (url == null || url.isBlank()) {
            throw new SearchStoreException("search storage URL is empty; give e.g. jdbc:sqlite:/path/search.db or "
                    + "jdbc:postgresql://host:5432/db?user=...");
        }
        for (Dialect d : values()) {
            if (url.startsWith(d.prefix)) {
                return d;
            }
        }
        throw new SearchStoreException("search storage " + url + " cannot be opened: only SQLite "
                + "(jdbc:sqlite:/path/search.db) and PostgreSQL (jdbc:postgresql://host:5432/db) URLs are supported");
    }

    /** Opens a connection in auto-commit mode with this database's per-connection settings. */
    abstract Connection connect(String url, StoreOptions options) throws SQLException;

    /** Sets up what writing needs (SQLite: the WAL journal); called only once the file is known to be ours. */
    abstract void prepareForWriting(Connection connection, StoreOptions options) throws SQLException;

    /** Begins a write transaction. */
    abstract void begin(Connection connection) throws SQLException;

    /** Commits the transaction {@link #begin} began and returns to auto-commit. */
    abstract void commit(Connection connection) throws SQLException;

    /** Rolls back the transaction {@link #begin} began, if any, and returns to auto-commit. */
    abstract void rollback(Connection connection) throws SQLException;

    /** @return SQL listing the tables of the store's database (or schema) */
    abstract String listTablesSql();

    /** @return what a claim's SELECT ends with to lock its row against other claimers */
    abstract String lockSuffix();

    /** Serialises schema creation between workers opening a fresh store at the same time (inside a transaction). */
    abstract void lockSchema(Connection connection) throws SQLException;

    /** @return whether a transaction that failed this way may simply be run again */
    abstract boolean isRetryable(SQLException e);

    /** @return whether the error says the file is not a database of this kind (or is damaged) */
    abstract boolean isCorruptFile(SQLException e);

    /** @return the table names of the store's database or schema, lower case */
    List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(listTablesSql())) {
            while (rs.next()) {
                names.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * @param url a URL of this dialect
     * @return the file it names (SQLite), for messages; else the URL
     */
    String location(String url) {
        if (this != SQLITE) {
            return url;
        }
        String path = url.substring(prefix.length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.startsWith("file:") ? path.substring("file:".length()) : path;
    }
}
