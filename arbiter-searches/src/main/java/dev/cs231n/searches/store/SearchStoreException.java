package dev.cs231n.searches.store;

/**
 * A search store that cannot be used: its URL cannot be opened, the file is not a search database, it holds
 * another search, or a database operation failed. The message names the storage URL (or file) and says what to do.
 */
public class SearchStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the storage URL or file */
    public SearchStoreException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the storage URL or file
     * @param cause   the underlying JDBC error
     */
    public SearchStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
