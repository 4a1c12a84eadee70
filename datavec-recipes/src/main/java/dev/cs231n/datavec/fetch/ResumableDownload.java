package dev.cs231n.datavec.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a URL into a {@code .part} file over HTTP(S) with {@link HttpClient}, resuming with an HTTP
 * {@code Range} request from the bytes the file already holds.
 *
 * <p>A connection cut mid-body keeps the bytes received and the next attempt (within the same call, up
 * to {@code maxAttempts}, or a later call) sends {@code Range: bytes=N-}. A {@code 206} reply is appended
 * (its {@code Content-Range} must start at {@code N}); a {@code 200} reply to a range request (server
 * without range support) restarts the file; a {@code 416} reply means the file is already complete if
 * the server's total equals {@code N}, else the file restarts. Failing to connect at all (offline,
 * unknown host, connect timeout) and HTTP error statuses fail at once. A body that stops arriving for
 * the response timeout counts as a cut connection. Each failed attempt is reported, one line, before the next; the
 * final failure names the last cause and says that the next run resumes from the bytes kept; a local write
 * failure (disk full) fails at once, naming the file and the cause. The caller verifies the checksum
 * and renames the file; this class never does either.
 */
public final class ResumableDownload {

    /** Attempts per call when none is given. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

    private final HttpClient client;
    private final int maxAttempts;
    private final Duration responseTimeout;
    private final PrintStream log;

    /** A downloader with {@link #defaultClient()}, {@value #DEFAULT_MAX_ATTEMPTS} attempts, 60 s response timeout. */
    public ResumableDownload() {
        this(defaultClient(), DEFAULT_MAX_ATTEMPTS, Duration.ofSeconds(60));
    }

    /**
     * @param client          the HTTP client
     * @param maxAttempts     attempts per {@link #download} call, at least 1
     * @param responseTimeout the longest wait for a reply's headers, and for the next bytes of a body
     */
    public ResumableDownload(HttpClient client, int maxAttempts, Duration responseTimeout) {
        this(client, maxAttempts, responseTimeout, System.err);
    }

    /**
     * @param client          the HTTP client
     * @param maxAttempts     attempts per {@link #download} call, at least 1
     * @param responseTimeout the longest wait for a reply's headers, and for the next bytes of a body
     * @param log             where each failed attempt is reported, one line, before the next
     */
    public ResumableDownload(HttpClient client, int maxAttempts, Duration responseTimeout, PrintStream log) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.responseTimeout = responseTimeout;
        this.log = log;
    }

    /** @return an HTTP/1.1 client that follows redirects (not HTTPS to HTTP) with a 30 s connect timeout */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Downloads {@code url} into {@code partFile}, continuing from its current length.
     *
     * @param url      the file's URL
     * @param partFile where the bytes go (created if absent; kept on failure, for resuming)
     * @param progress progress callback
     * @return the size of the complete file
     * @throws HttpStatusException if the server replies with an error status
     * @throws IOException         if the server cannot be reached, or the transfer fails every attempt
     */
    public long download(URI url, Path partFile, DownloadProgress progress) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                long size = attempt(url, partFile, progress);
                if (size >= 0) {
                    return size;
                }
                last = new IOException("the transfer of " + url + " ended early");
            } catch (HttpStatusException | LocalWriteException | ConnectFailure e) {
                throw e;
            } catch (java.net.ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
                long kept = kept(partFile);
                throw new ConnectFailure("cannot connect to " + url.getHost() + (url.getPort() < 0 ? ""
                        : ":" + url.getPort()) + " (" + describe(e) + ")" + (kept == 0 ? "" : "; " + kept
                        + " bytes are kept in " + partFile + " and the next run resumes from there"), e);
            } catch (HttpTimeoutException e) {
                last = new IOException("no reply within " + responseTimeout.toMillis() / 1000.0 + " s", e);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                last = e;
            }
            if (attempt < maxAttempts && last != null) {
                log.println("download of " + url + ": attempt " + attempt + "/" + maxAttempts + " failed ("
                        + describe(last) + "); " + kept(partFile) + " bytes so far; retrying");
                log.flush();
            }
        }
        long kept = kept(partFile);
        throw new IOException("download of " + url + " failed after " + maxAttempts + " attempts (last: "
                + describe(last) + "); " + kept + " bytes are kept in " + partFile + " and the next run resumes from "
                + "there", last);
    }

    private static long kept(Path partFile) throws IOException {
        return Files.isRegularFile(partFile) ? Files.size(partFile) : 0;
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** Writing the received bytes to the local file failed (disk full, no permission): retrying cannot help. */
    static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** A connection that could not be made (refused, unknown host, connect timeout), with the cause kept. */
    static final class ConnectFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectFailure(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** One request; returns the complete size, or -1 if the body ended before the file was complete. */
    private long attempt(URI url, Path partFile, DownloadProgress progress) throws IOException {
        long have = Files.exists(partFile) ? Files.size(partFile) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(responseTimeout).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + url);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && have > 0) {
                long total = unsatisfiedRangeTotal(response);
                if (total == have) {
                    progress.update(have, total);
                    return have;
                }
                Files.delete(partFile);
                return -1;
            }
            boolean append;
            long total;
            if (status == 206 && have > 0) {
                long[] range = contentRange(url, response);
                if (range[0] != have) {
                    Files.delete(partFile);
                    return -1;
                }
                append = true;
                total = range[1];
            } else if (status == 200) {
                append = false;
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            } else {
                throw new HttpStatusException(url, status);
            }
            long size = copy(body, partFile, append, append ? have : 0, total, progress);
            if (total >= 0 && size > total) {
                Files.delete(partFile);
                throw new IOException(url + ": received " + size + " bytes, more than the announced " + total);
            }
            return total < 0 || size == total ? size : -1;
        }
    }

    /**
     * Streams the body to the file. A watchdog closes the body if no byte arrives for the idle timeout
     * (the HTTP client has no read timeout of its own), which makes the blocked read fail so the
     * download can be resumed.
     */
    private long copy(InputStream body, Path partFile, boolean append, long start, long total,
                      DownloadProgress progress) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long size = start;
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long idleNanos = responseTimeout.toNanos();
        long checkMillis = Math.max(50, Math.min(5_000, responseTimeout.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastRead.get() > idleNanos && stalled.compareAndSet(false, true)) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is how the blocked read is interrupted; nothing else to do
                }
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        try (OutputStream out = Files.newOutputStream(partFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                lastRead.set(System.nanoTime());
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new LocalWriteException("cannot write the download to " + partFile + " (" + describe(e)
                            + "); free some space or choose another data folder", e);
                }
                size += n;
                progress.update(size, total);
            }
        } catch (LocalWriteException e) {
            throw e;
        } catch (IOException e) {
            if (stalled.get()) {
                throw new IOException("no data received for " + responseTimeout.toSeconds() + " s", e);
            }
            throw e;
        } finally {
            watchdog.shutdownNow();
        }
        if (stalled.get() && (total < 0 || size < total)) {
            throw new IOException("no data received for " + responseTimeout.toSeconds() + " s");
        }
        return size;
    }

    /** @return {start, total} of a 206 reply's Content-Range; total is -1 when the server gives "*" */
    private static long[] contentRange(URI url, HttpResponse<?> response) throws IOException {
        Optional<String> header = response.headers().firstValue("Content-Range");
        Matcher m = CONTENT_RANGE.matcher(header.orElse("").trim());
        if (!m.matches()) {
            throw new IOException(url + ": partial reply (206) with unusable Content-Range '" + header.orElse("")
                    + "'");
        }
        long start = Long.parseLong(m.group(1));
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        return new long[] {start, total};
    }

    private static long unsatisfiedRangeTotal(HttpResponse<?> response) {
        Matcher m = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse("").trim());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
