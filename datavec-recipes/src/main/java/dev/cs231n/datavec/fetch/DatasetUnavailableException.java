package dev.cs231n.datavec.fetch;

import java.io.IOException;

/**
 * A dataset that is not on disk and could not be downloaded (offline, host unreachable, HTTP error). The
 * message says what to download (URL, checksum) and exactly where to put the files.
 */
public class DatasetUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the instructions
     * @param cause   the download failure
     */
    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
