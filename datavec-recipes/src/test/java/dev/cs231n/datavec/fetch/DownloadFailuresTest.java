package dev.cs231n.datavec.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a download that cannot finish says so, on a local {@link HttpServer} (never a real host): a full disk names
 * the file and the cause at once, a cut connection whose server is then gone says that the next run resumes, and a
 * server that accepts but never answers gives up after the response timeout with a line per retry.
 */
class DownloadFailuresTest {

    private static final byte[] BODY = new byte[200_000];

    @TempDir
    Path dir;

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/f.bin", handler);
        s.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    private static URI url(HttpServer s) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/f.bin");
    }

    @Test
    void aFullDiskFailsAtOnceNamingTheFileAndTheCause() throws IOException {
        Path full = Path.of("/dev/full"); // Linux: every write fails with ENOSPC
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full");
        AtomicInteger requests = new AtomicInteger();
        HttpServer s = server(ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, BODY.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(BODY);
            }
        });
        try {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ResumableDownload d = new ResumableDownload(ResumableDownload.defaultClient(), 4, Duration.ofSeconds(5),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            IOException e = assertThrows(IOException.class, () -> d.download(url(s), full, (done, total) -> { }));
            assertTrue(e.getMessage().contains("/dev/full") && e.getMessage().contains("No space left on device"),
                    e.getMessage());
            assertEquals(1, requests.get(), "a full disk is not retried");
        } finally {
            s.stop(0);
        }
    }

    @Test
    void aCutConnectionWhoseServerIsGoneSaysTheNextRunResumes() throws IOException {
        CountDownLatch cut = new CountDownLatch(1);
        HttpServer s = server(ex -> {
            ex.sendResponseHeaders(200, BODY.length);
            OutputStream o = ex.getResponseBody();
            o.write(BODY, 0, BODY.length / 2);
            o.flush();
            cut.countDown();
            ex.getHttpContext().getServer().stop(0); // the server goes away mid-body
        });
        Path part = dir.resolve("f.bin.part");
        ResumableDownload d = new ResumableDownload(ResumableDownload.defaultClient(), 3, Duration.ofSeconds(5),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> d.download(url(s), part, (done, total) -> { }));
        String m = e.getMessage();
        assertTrue(m.contains("bytes are kept in " + part) && m.contains("the next run resumes"), m);
        assertTrue(Files.size(part) > 0, "the bytes received are kept");
    }

    @Test
    void aServerThatNeverAnswersGivesUpAfterTheTimeoutWithALinePerRetry() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer s = server(ex -> {
            try {
                release.await(30, TimeUnit.SECONDS); // accepts, reads the request, never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        try {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ResumableDownload d = new ResumableDownload(ResumableDownload.defaultClient(), 3, Duration.ofMillis(400),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            IOException e = assertThrows(IOException.class,
                    () -> d.download(url(s), dir.resolve("f.part"), (done, total) -> { }));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 10, "gave up after " + seconds + " s");
            assertTrue(e.getMessage().contains("failed after 3 attempts") && e.getMessage().contains("no reply within"),
                    e.getMessage());
            String lines = log.toString(StandardCharsets.UTF_8);
            assertEquals(2, lines.lines().filter(l -> l.contains("failed (") && l.contains("retrying")).count(), lines);
        } finally {
            release.countDown();
            s.stop(0);
        }
    }
}
