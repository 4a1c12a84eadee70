package dev.cs231n.datavec.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.datavec.testing.LocalHttpServer;
import dev.cs231n.datavec.testing.LocalHttpServer.Mode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableDownloadTest {

    private static final byte[] BODY = new byte[300_001];

    static {
        new Random(1).nextBytes(BODY);
    }

    @TempDir
    Path dir;

    private static ResumableDownload downloader(int attempts) {
        return new ResumableDownload(ResumableDownload.defaultClient(), attempts, Duration.ofSeconds(20));
    }

    @Test
    void downloadsTheWholeFileInOneRequest() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("f.bin", BODY, Mode.NORMAL)) {
            Path part = dir.resolve("f.bin.part");
            List<long[]> progress = new ArrayList<>();
            long size = downloader(3).download(server.baseUrl().resolve("f.bin"), part,
                    (done, total) -> progress.add(new long[] {done, total}));
            assertEquals(BODY.length, size);
            assertArrayEquals(BODY, Files.readAllBytes(part));
            assertEquals(1, server.requests().size());
            assertNull(server.requests().get(0).range());
            assertArrayEquals(new long[] {BODY.length, BODY.length}, progress.get(progress.size() - 1));
        }
    }

    @Test
    void cutConnectionIsResumedWithARangeRequest() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("f.bin", BODY, Mode.CUT_FIRST)) {
            Path part = dir.resolve("f.bin.part");
            downloader(3).download(server.baseUrl().resolve("f.bin"), part, DownloadProgress.NONE);
            assertArrayEquals(BODY, Files.readAllBytes(part));
            List<LocalHttpServer.Request> requests = server.requests();
            assertEquals(2, requests.size());
            assertNull(requests.get(0).range());
            // resumed from what arrived: at most the half the server sent before the cut (a reset may drop some)
            String range = requests.get(1).range();
            assertTrue(range != null && range.matches("bytes=\\d+-"), range);
            long from = Long.parseLong(range.substring(6, range.length() - 1));
            assertTrue(from > 0 && from <= BODY.length / 2, range);
        }
    }

    @Test
    void aFailedCallKeepsThePartAndTheNextCallResumes() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("f.bin", BODY, Mode.CUT_FIRST)) {
            Path part = dir.resolve("f.bin.part");
            URI url = server.baseUrl().resolve("f.bin");
            IOException e = assertThrows(IOException.class, () -> downloader(1).download(url, part,
                    DownloadProgress.NONE));
            assertTrue(e.getMessage().contains(part.toString()), e.getMessage());
            // the server sent half the body before dropping the connection; a reset may discard some of what
            // was still in flight, so the part holds at most that half
            long kept = Files.size(part);
            assertTrue(kept > 0 && kept <= BODY.length / 2, "part size " + kept);
            downloader(1).download(url, part, DownloadProgress.NONE);
            assertArrayEquals(BODY, Files.readAllBytes(part));
            assertEquals("bytes=" + kept + "-", server.requests().get(1).range());
        }
    }

    @Test
    void stalledTransferIsAbandonedAndResumed() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("f.bin", BODY, Mode.STALL_FIRST)) {
            Path part = dir.resolve("f.bin.part");
            ResumableDownload quick = new ResumableDownload(ResumableDownload.defaultClient(), 2, Duration.ofMillis(800));
            long start = System.nanoTime();
            quick.download(server.baseUrl().resolve("f.bin"), part, DownloadProgress.NONE);
            assertArrayEquals(BODY, Files.readAllBytes(part));
            assertEquals("bytes=" + BODY.length / 2 + "-", server.requests().get(1).range());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "the stall was not detected promptly");
        }
    }

    @Test
    void serverIgnoringRangeRestartsTheFile() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("f.bin", BODY, Mode.CUT_FIRST_THEN_IGNORE_RANGE)) {
            Path part = dir.resolve("f.bin.part");
            downloader(3).download(server.baseUrl().resolve("f.bin"), part, DownloadProgress.NONE);
            assertArrayEquals(BODY, Files.readAllBytes(part));
            assertEquals(2, server.requests().size());
        }
    }

    @Test
    void alreadyCompletePartIsAcceptedOnRangeNotSatisfiable() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("f.bin", BODY, Mode.NORMAL)) {
            Path part = Files.write(dir.resolve("f.bin.part"), BODY);
            assertEquals(BODY.length, downloader(1).download(server.baseUrl().resolve("f.bin"), part,
                    DownloadProgress.NONE));
            assertArrayEquals(BODY, Files.readAllBytes(part));
            assertEquals("bytes=" + BODY.length + "-", server.requests().get(0).range());
        }
    }

    @Test
    void httpErrorFailsAtOnce() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("f.bin", BODY, Mode.NORMAL)) {
            HttpStatusException e = assertThrows(HttpStatusException.class, () -> downloader(3).download(
                    server.baseUrl().resolve("missing.bin"), dir.resolve("m.part"), DownloadProgress.NONE));
            assertEquals(404, e.getStatus());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void md5OfAFile() throws IOException {
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Checksums.md5(f));
    }
}
