package dev.cs231n.datavec.fetch;

import java.io.IOException;

/** A downloaded file whose checksum differs from the published one; the message gives both. */
public class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the file, the expected and the actual checksum, and what to do
     */
    public ChecksumMismatchException(String message) {
        super(message);
    }
}
