package dev.cs231n.searches.store;

import java.util.concurrent.atomic.AtomicInteger;

/** The store's contract on SQLite files in a temporary folder (the default storage). */
class SqliteSearchStoreTest extends SearchStoreContract {

    private final AtomicInteger files = new AtomicInteger();

    @Override
    String freshUrl() {
        return "jdbc:sqlite:" + tmp.resolve("search-" + files.incrementAndGet() + ".db");
    }
}
