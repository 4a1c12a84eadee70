package dev.cs231n.datavec.fetch;

import java.io.IOException;
import java.net.URI;

/** An HTTP reply whose status is not a success (e.g. 404); retrying will not help. */
public class HttpStatusException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param url    the requested URL
     * @param status the HTTP status code
     */
    public HttpStatusException(URI url, int status) {
        super("HTTP " + status + " from " + url);
        this.status = status;
    }

    /** @return the HTTP status code */
    public int getStatus() {
        return status;
    }
}
