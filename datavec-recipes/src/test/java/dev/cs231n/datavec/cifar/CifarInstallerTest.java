package dev.cs231n.datavec.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.datavec.fetch.ChecksumMismatchException;
import dev.cs231n.datavec.fetch.DatasetUnavailableException;
import dev.cs231n.datavec.fetch.ResumableDownload;
import dev.cs231n.datavec.fetch.UnsafeArchiveException;
import dev.cs231n.datavec.testing.LocalHttpServer;
import dev.cs231n.datavec.testing.LocalHttpServer.Mode;
import dev.cs231n.testing.SyntheticCifar;
import dev.cs231n.datavec.testing.TarGz;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarInstallerTest {

    private static final int PER_FILE = 3;
    private static byte[] archive;
    private static String archiveMd5;

    @TempDir
    Path root;

    /** A small archive laid out like the official one: cifar-10-batches-bin/ with the batches, meta and readme. */
    @BeforeAll
    static void buildArchive(@TempDir Path scratch) throws IOException {
        Path batches = SyntheticCifar.writeBatches(scratch.resolve(CifarFormat.DIRECTORY_NAME), PER_FILE, 2);
        TarGz tar = TarGz.builder().directory(CifarFormat.DIRECTORY_NAME + "/");
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin", "batches.meta.txt")) {
            tar.file(CifarFormat.DIRECTORY_NAME + "/" + name, Files.readAllBytes(batches.resolve(name)));
        }
        tar.text(CifarFormat.DIRECTORY_NAME + "/readme.html", "<html></html>");
        archive = tar.build();
        archiveMd5 = md5(archive);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CifarInstaller installer(URI base, String md5, int attempts) {
        return new CifarInstaller(base, md5,
                new ResumableDownload(ResumableDownload.defaultClient(), attempts, Duration.ofSeconds(20)));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Only the (empty, hidden) lock file may remain after a failure: no dataset, archive, part or temp folder. */
    private static void assertNothingMisleading(Path dataDir) throws IOException {
        assertFalse(Files.exists(dataDir.resolve(CifarFormat.DIRECTORY_NAME)), "dataset folder was left");
        for (String name : listing(dataDir)) {
            assertEquals(".cifar-10-download.lock", name, "left behind: " + name);
        }
    }

    @Test
    void downloadsVerifiesExtractsAndPublishes() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer(CifarInstaller.ARCHIVE_NAME, archive, Mode.NORMAL)) {
            Path dataDir = root.resolve("data");
            CifarInstaller installer = installer(server.baseUrl(), archiveMd5, 3);
            assertEquals(server.baseUrl().resolve("cifar-10-binary.tar.gz"), installer.archiveUrl());
            Path batches = installer.ensure(dataDir);
            assertEquals(dataDir.resolve(CifarFormat.DIRECTORY_NAME), batches);
            assertEquals(List.of(), CifarInstaller.missingFiles(batches));
            assertEquals(List.of(".cifar-10-download.lock", CifarFormat.DIRECTORY_NAME), listing(dataDir));
            CifarDataset train = CifarDataset.loadTrain(batches, CifarBatchReader.ANY_LENGTH);
            assertEquals(5 * PER_FILE, train.size());
            assertEquals(SyntheticCifar.pixel(14, 2, 9, 9), train.pixel(14, 2, 9, 9));
            assertEquals(CifarClasses.NAMES, CifarClasses.readFromDirectory(batches));

            assertEquals(batches, installer.ensure(dataDir));
            assertEquals(1, server.requests().size(), "a complete dataset must not be downloaded again");
        }
    }

    @Test
    void interruptedDownloadResumesWithRange() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer(CifarInstaller.ARCHIVE_NAME, archive, Mode.CUT_FIRST)) {
            Path dataDir = root.resolve("data");
            DatasetUnavailableException cut = assertThrows(DatasetUnavailableException.class,
                    () -> installer(server.baseUrl(), archiveMd5, 1).ensure(dataDir));
            assertTrue(cut.getMessage().contains(archiveMd5), cut.getMessage());
            assertFalse(Files.exists(dataDir.resolve(CifarFormat.DIRECTORY_NAME)));
            Path part = dataDir.resolve(CifarInstaller.ARCHIVE_NAME + ".part");
            assertEquals(archive.length / 2, Files.size(part));

            Path batches = installer(server.baseUrl(), archiveMd5, 1).ensure(dataDir);
            assertEquals(2, server.requests().size());
            assertNull(server.requests().get(0).range());
            assertEquals("bytes=" + archive.length / 2 + "-", server.requests().get(1).range());
            assertEquals(List.of(), CifarInstaller.missingFiles(batches));
            assertFalse(Files.exists(part), "the archive part must be removed after installing");
        }
    }

    @Test
    void cutConnectionIsRetriedWithinOneCall() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer(CifarInstaller.ARCHIVE_NAME, archive, Mode.CUT_FIRST)) {
            Path batches = installer(server.baseUrl(), archiveMd5, 3).ensure(root);
            assertEquals(List.of(), CifarInstaller.missingFiles(batches));
            assertEquals("bytes=" + archive.length / 2 + "-", server.requests().get(1).range());
        }
    }

    @Test
    void checksumMismatchLeavesNothing() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer(CifarInstaller.ARCHIVE_NAME, archive, Mode.NORMAL)) {
            Path dataDir = root.resolve("data");
            String wrong = CifarInstaller.ARCHIVE_MD5;
            ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                    () -> installer(server.baseUrl(), wrong, 3).ensure(dataDir));
            assertTrue(e.getMessage().contains(wrong), e.getMessage());
            assertTrue(e.getMessage().contains(archiveMd5), e.getMessage());
            assertNothingMisleading(dataDir);
        }
    }

    @Test
    void hostileArchiveIsRejectedAndNothingIsWrittenOutside() throws IOException {
        byte[] hostile = TarGz.builder().text(CifarFormat.DIRECTORY_NAME + "/data_batch_1.bin", "x")
                .text("../x", "evil").build();
        try (LocalHttpServer server = new LocalHttpServer(CifarInstaller.ARCHIVE_NAME, hostile, Mode.NORMAL)) {
            Path dataDir = root.resolve("data");
            UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                    () -> installer(server.baseUrl(), md5(hostile), 3).ensure(dataDir));
            assertTrue(e.getMessage().contains("../x"), e.getMessage());
            assertFalse(Files.exists(root.resolve("x")));
            assertFalse(Files.exists(dataDir.resolve("x")));
            assertNothingMisleading(dataDir);
        }
    }

    @Test
    void archiveWithoutTheBatchesIsRejected() throws IOException {
        byte[] wrong = TarGz.builder().text("something-else/readme.txt", "hi").build();
        try (LocalHttpServer server = new LocalHttpServer(CifarInstaller.ARCHIVE_NAME, wrong, Mode.NORMAL)) {
            IOException e = assertThrows(IOException.class,
                    () -> installer(server.baseUrl(), md5(wrong), 3).ensure(root));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
            assertNothingMisleading(root);
        }
    }

    @Test
    void offlineFailureSaysWhatToDownloadAndWhere() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port + "/~kriz/");
        Path dataDir = root.resolve("data");
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> installer(base, CifarInstaller.ARCHIVE_MD5, 3).ensure(dataDir));
        String message = e.getMessage();
        assertTrue(message.contains(base + "cifar-10-binary.tar.gz"), message);
        assertTrue(message.contains("c32a1d4ab5d03f1284b67883e8d87530"), message);
        assertTrue(message.contains(dataDir.resolve("cifar-10-batches-bin").toString()), message);
        assertTrue(message.contains("tar -xzf cifar-10-binary.tar.gz -C '" + dataDir + "'"), message);
        assertNothingMisleading(dataDir);
    }

    @Test
    void httpErrorIsReportedAsUnavailable() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer("other.tar.gz", archive, Mode.NORMAL)) {
            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                    () -> installer(server.baseUrl(), archiveMd5, 3).ensure(root));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertInstanceOf(IOException.class, e.getCause());
        }
    }

    @Test
    void existingDataIsUsedWithoutNetwork() throws IOException {
        Path batches = SyntheticCifar.writeBatches(root.resolve(CifarFormat.DIRECTORY_NAME), PER_FILE, 2);
        URI nowhere = URI.create("http://127.0.0.1:9/");
        assertEquals(batches, installer(nowhere, archiveMd5, 1).ensure(root));
        assertEquals(batches, installer(nowhere, archiveMd5, 1).ensure(batches), "--data-dir may name the folder itself");
        assertEquals(batches, CifarInstaller.findBatches(root).orElseThrow());
    }

    @Test
    void incompleteFolderInTheWayIsExplained() throws IOException {
        Path batches = SyntheticCifar.writeBatches(root.resolve(CifarFormat.DIRECTORY_NAME), PER_FILE, 2);
        Files.delete(batches.resolve("test_batch.bin"));
        IOException e = assertThrows(IOException.class,
                () -> installer(URI.create("http://127.0.0.1:9/"), archiveMd5, 1).ensure(root));
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("not a complete CIFAR-10 folder"), e.getMessage());
        assertTrue(Files.exists(batches.resolve("data_batch_1.bin")), "user files must not be deleted");
    }

    @Test
    void staleTemporaryFoldersFromACrashAreCleanedUp() throws IOException {
        Path stale = Files.createDirectories(root.resolve(".cifar-10-batches-bin.tmp-123/cifar-10-batches-bin"));
        Files.write(stale.resolve("data_batch_1.bin"), new byte[] {1});
        assertFalse(CifarInstaller.findBatches(root).isPresent());
        try (LocalHttpServer server = new LocalHttpServer(CifarInstaller.ARCHIVE_NAME, archive, Mode.NORMAL)) {
            installer(server.baseUrl(), archiveMd5, 1).ensure(root);
        }
        assertEquals(List.of(".cifar-10-download.lock", CifarFormat.DIRECTORY_NAME), listing(root));
        assertArrayEquals(Files.readAllBytes(root.resolve("cifar-10-batches-bin/test_batch.bin")),
                SyntheticCifar.records(SyntheticCifar.TEST_ID_BASE, 2));
    }

    @Test
    void aGivenBatchesFolderLackingAFileNamesItInsteadOfDownloadingIntoANestedFolder() throws IOException {
        Path batches = SyntheticCifar.writeBatches(root.resolve(CifarFormat.DIRECTORY_NAME), PER_FILE, 2);
        Files.delete(batches.resolve("test_batch.bin"));
        // a closed port: a download attempt fails at once (and never reaches a real host)
        IOException e = assertThrows(IOException.class,
                () -> installer(URI.create("http://127.0.0.1:9/"), archiveMd5, 1).ensure(batches));
        assertTrue(e.getMessage().contains("lacks [test_batch.bin]"), e.getMessage());
        assertFalse(e instanceof DatasetUnavailableException, "no download was tried: " + e.getMessage());
        assertFalse(Files.exists(batches.resolve(CifarFormat.DIRECTORY_NAME)), "no nested folder");
    }
}
