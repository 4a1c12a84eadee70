package dev.cs231n.datavec.cifar;

import dev.cs231n.datavec.fetch.ChecksumMismatchException;
import dev.cs231n.datavec.fetch.Checksums;
import dev.cs231n.datavec.fetch.DataDirs;
import dev.cs231n.datavec.fetch.DatasetUnavailableException;
import dev.cs231n.datavec.fetch.LoggingProgress;
import dev.cs231n.datavec.fetch.ResumableDownload;
import dev.cs231n.datavec.fetch.SafeTarGz;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the CIFAR-10 binary batches in a data directory, downloading them from the official host when
 * absent.
 *
 * <p>{@link #ensure(Path)}: if {@code DATA_DIR/cifar-10-batches-bin} holds the six batch files, it is
 * returned. Otherwise {@code cifar-10-binary.tar.gz} is downloaded from the base URL (default
 * {@value #DEFAULT_BASE_URL}, overridable with the system property {@value #BASE_URL_PROPERTY} or the
 * constructor) into {@code DATA_DIR/cifar-10-binary.tar.gz.part}, resuming an interrupted download; its
 * MD5 is verified ({@value #ARCHIVE_MD5}); it is extracted with every entry checked against path
 * traversal and links ({@link SafeTarGz}) into a temporary folder beside the target; the extracted
 * folder is checked and renamed to {@code cifar-10-batches-bin} in one atomic move. A crash leaves at most
 * the {@code .part} file (resumed next time) and a hidden temporary folder (deleted next time), never a
 * half dataset under the real name. A checksum mismatch deletes the download. When the host cannot be
 * reached, a {@link DatasetUnavailableException} says what to download and where to put it.
 * Concurrent callers (threads or processes) on one data directory are serialised with a file lock.
 */
public final class CifarInstaller {

    /** The official host's folder. */
    public static final String DEFAULT_BASE_URL = "https://www.cs.toronto.edu/~kriz/";
    /** System property overriding the base URL (e.g. a mirror). */
    public static final String BASE_URL_PROPERTY = "cs231n.cifar10.baseUrl";
    /** The archive's file name on the host. */
    public static final String ARCHIVE_NAME = "cifar-10-binary.tar.gz";
    /** The archive's published MD5. */
    public static final String ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /** Extraction limit (the official archive expands to about 185 MB). */
    public static final long MAX_EXTRACTED_BYTES = 1L << 30;

    private static final String TEMP_PREFIX = ".cifar-10-batches-bin.tmp-";
    private static final String LOCK_FILE = ".cifar-10-download.lock";
    private static final Object JVM_LOCK = new Object();

    private final URI baseUrl;
    private final String md5;
    private final ResumableDownload download;

    /** An installer for the official host (or {@value #BASE_URL_PROPERTY}) and the official MD5. */
    public CifarInstaller() {
        this(URI.create(System.getProperty(BASE_URL_PROPERTY, DEFAULT_BASE_URL)), ARCHIVE_MD5, new ResumableDownload());
    }

    /**
     * @param baseUrl  the folder URL holding {@value #ARCHIVE_NAME} (a trailing slash is added if missing)
     * @param md5      the archive's expected MD5 (hex)
     * @param download the downloader
     */
    public CifarInstaller(URI baseUrl, String md5, ResumableDownload download) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.md5 = md5.toLowerCase(Locale.ROOT);
        this.download = download;
    }

    /**
     * The pipelines' entry point: resolves the data directory ({@link DataDirs#resolve(Path)}: the
     * explicit {@code --data-dir}, else {@code CS231N_DATA}, else {@code ~/.cache/cs231n-datasets}) and
     * ensures the batches are there.
     *
     * @param explicitDataDir the {@code --data-dir} argument, or null
     * @return the {@code cifar-10-batches-bin} folder
     * @throws IOException as {@link #ensure(Path)}
     */
    public static Path locateOrDownload(Path explicitDataDir) throws IOException {
        return new CifarInstaller().ensure(DataDirs.resolve(explicitDataDir));
    }

    /** @return the archive URL this installer downloads */
    public URI archiveUrl() {
        return baseUrl.resolve(ARCHIVE_NAME);
    }

    /**
     * Finds complete batches without downloading: {@code dataDir/cifar-10-batches-bin}, or {@code dataDir}
     * itself if it is such a folder.
     *
     * @param dataDir a data directory
     * @return the batches folder, if complete
     */
    public static Optional<Path> findBatches(Path dataDir) {
        Path nested = dataDir.resolve(CifarFormat.DIRECTORY_NAME);
        if (missingFiles(nested).isEmpty()) {
            return Optional.of(nested);
        }
        if (missingFiles(dataDir).isEmpty()) {
            return Optional.of(dataDir);
        }
        return Optional.empty();
    }

    /**
     * @param batchesDir a candidate {@code cifar-10-batches-bin} folder
     * @return the batch files it lacks (all six if it does not exist)
     */
    public static List<String> missingFiles(Path batchesDir) {
        List<String> missing = new ArrayList<>();
        for (String name : CifarFormat.BATCH_FILES) {
            if (!Files.isRegularFile(batchesDir.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    /**
     * Returns the batches folder of {@code dataDir}, downloading and installing it first if absent.
     *
     * @param dataDir the data directory (created if needed)
     * @return the {@code cifar-10-batches-bin} folder, holding the six batch files
     * @throws DatasetUnavailableException if the archive cannot be downloaded (message: what and where)
     * @throws ChecksumMismatchException   if the download's MD5 is wrong (the download is deleted)
     * @throws IOException                 if an incomplete folder is in the way, the archive is unsafe or
     *                                     incomplete, or on file-system errors
     */
    public Path ensure(Path dataDir) throws IOException {
        Optional<Path> found = findBatches(dataDir);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> missingHere = missingFiles(dataDir);
        if (CifarFormat.DIRECTORY_NAME.equals(String.valueOf(dataDir.getFileName()))
                || missingHere.size() < CifarFormat.BATCH_FILES.size()) {
            // a batches folder itself, given incomplete: name what it lacks rather than download into a nested one
            throw new IOException(dataDir + " is a CIFAR-10 batches folder but lacks " + missingHere + "; add the "
                    + "missing file(s), or pass the folder above it as --data-dir to download the data there");
        }
        Path target = dataDir.resolve(CifarFormat.DIRECTORY_NAME);
        requireNotInTheWay(dataDir, target);
        Files.createDirectories(dataDir);
        synchronized (JVM_LOCK) {
            try (FileChannel lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = lockChannel.lock();
                try {
                    found = findBatches(dataDir);
                    if (found.isPresent()) {
                        return found.get();
                    }
                    requireNotInTheWay(dataDir, target);
                    deleteStaleTemps(dataDir);
                    return install(dataDir, target);
                } finally {
                    lock.release();
                }
            }
        }
    }

    /**
     * @param dataDir the data directory
     * @return how to install the dataset by hand: URL, MD5 and the exact destination
     */
    public String manualInstructions(Path dataDir) {
        Path target = dataDir.resolve(CifarFormat.DIRECTORY_NAME);
        return "To install CIFAR-10 by hand, download " + archiveUrl() + " (MD5 " + md5 + ") and extract it into "
                + dataDir + ":\n    mkdir -p '" + dataDir + "' && tar -xzf " + ARCHIVE_NAME + " -C '" + dataDir
                + "'\nso that " + target + "/ holds " + String.join(", ", CifarFormat.BATCH_FILES) + " and "
                + CifarFormat.META_FILE + ". Or pass --data-dir (or set " + DataDirs.ENV
                + ") to a folder that already holds " + CifarFormat.DIRECTORY_NAME + "/.";
    }

    private Path install(Path dataDir, Path target) throws IOException {
        URI url = archiveUrl();
        Path part = dataDir.resolve(ARCHIVE_NAME + ".part");
        try {
            download.download(url, part, new LoggingProgress("CIFAR-10 " + ARCHIVE_NAME));
        } catch (IOException e) {
            throw new DatasetUnavailableException("CIFAR-10 is not in " + target + " and could not be downloaded from "
                    + url + " (" + e.getMessage() + ").\n" + manualInstructions(dataDir), e);
        }
        String actual = Checksums.md5(part);
        if (!actual.equals(md5)) {
            Files.deleteIfExists(part);
            throw new ChecksumMismatchException(url + " was downloaded with MD5 " + actual + ", expected " + md5
                    + "; the download was deleted. Try again (a proxy or mirror may have altered it).\n"
                    + manualInstructions(dataDir));
        }
        Path temp = Files.createTempDirectory(dataDir, TEMP_PREFIX);
        try {
            SafeTarGz.extract(part, temp, MAX_EXTRACTED_BYTES);
            Path extracted = temp.resolve(CifarFormat.DIRECTORY_NAME);
            List<String> missing = missingFiles(extracted);
            if (!missing.isEmpty()) {
                throw new IOException(url + ": the archive has no complete " + CifarFormat.DIRECTORY_NAME
                        + "/ folder (missing " + missing + ")");
            }
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        } finally {
            deleteRecursively(temp);
        }
        Files.deleteIfExists(part);
        return target;
    }

    private void requireNotInTheWay(Path dataDir, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new IOException(target + " exists but is not a complete CIFAR-10 folder (missing "
                    + missingFiles(target) + "). Add the missing files, or delete the folder to download it again.\n"
                    + manualInstructions(dataDir));
        }
    }

    private static void deleteStaleTemps(Path dataDir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir, TEMP_PREFIX + "*")) {
            for (Path stale : entries) {
                deleteRecursively(stale);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
