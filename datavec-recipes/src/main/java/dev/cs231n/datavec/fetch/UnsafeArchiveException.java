package dev.cs231n.datavec.fetch;

import java.io.IOException;

/**
 * An archive entry that would write outside the extraction directory (a {@code ..} segment, an absolute
 * path), a link, a special file, or an archive larger than allowed. The message names the archive and
 * the entry.
 */
public class UnsafeArchiveException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was rejected
     */
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
