package dev.cs231n.pipelines.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A job's output folder ({@code --out}) held for the length of one run. Opening it, before any data is loaded:
 * <ol>
 * <li>checks that it is (or can be made) a writable folder with free space;</li>
 * <li>locks it: {@value #LOCK} holds the owner's pid, host, job and start time under an OS file lock
 * ({@link FileChannel#tryLock}), so a second run into the same folder fails at once naming the folder and the owner.
 * The OS drops the lock of a process that dies, even by {@code kill -9}; its lock file, left non-empty, is then
 * taken over, saying so ({@link ProcessHandle} tells whether that pid still runs);</li>
 * <li>removes the hidden temporary files ({@code .NAME…tmp}) that an interrupted run left;</li>
 * <li>refuses a fresh run into a folder that holds an earlier run's outputs, unless the run resumes
 * ({@link Mode#RESUME}) or {@code --overwrite} asked to remove them first ({@link Mode#OVERWRITE}); refuses every
 * run into a non-empty folder that no cs231n run wrote (none of the lock file or {@link #MARKERS}), so that
 * {@code --overwrite} never empties a folder of other files. A refused run leaves no lock file behind.</li>
 * </ol>
 * {@link #close()} empties the lock file and releases the lock.
 */
public final class RunFolder implements AutoCloseable {

    /** The lock file in every output folder. */
    public static final String LOCK = ".cs231n.lock";

    /** What the run does with what the folder already holds. */
    public enum Mode {
        /** A new run: the folder must hold no earlier outputs. */
        FRESH,
        /** {@code --resume}: continue from what the folder holds. */
        RESUME,
        /** {@code --overwrite}: remove the earlier outputs first. */
        OVERWRITE
    }

    /** Files that only a cs231n run writes: a folder holding one (or the lock file) is an output folder. */
    public static final List<String> MARKERS = List.of("metrics.json", "checkpoint.zip", "model.zip", "results.json",
            "search.db",
            "checkpoint");

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dir  the output folder
     * @param job  the job's name, recorded in the lock file
     * @param mode what to do with earlier outputs
     * @param log  where to say what was taken over or removed
     * @return the folder, locked by this run
     * @throws IOException           when the folder cannot be created or written (the message names it and why)
     * @throws IllegalStateException when another run holds it, or it holds earlier outputs and {@code mode} is
     *                               {@link Mode#FRESH} (the message names the folder and what to do)
     */
    public static RunFolder open(Path dir, String job, Mode mode, PrintStream log) throws IOException {
        checkWritable(dir);
        Path lockFile = dir.resolve(LOCK);
        boolean lockExisted = Files.exists(lockFile);
        boolean ours = lockExisted || MARKERS.stream().anyMatch(m -> Files.exists(dir.resolve(m)));
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this JVM
        } catch (IOException e) {
            ch.close();
            throw new IOException("--out " + dir + ": cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String owner = describe(read(ch));
            ch.close();
            throw new IllegalStateException("--out " + dir + " is in use by another run (" + owner + ", lock file "
                    + lockFile + "); wait for it to end, or choose another --out");
        }
        RunFolder f = new RunFolder(dir, ch, lock);
        try {
            Map<String, String> previous = read(ch);
            f.prepare(mode, ours, log);
            f.takeOver(previous, log);
            f.write(job);
            f.removeTemporaryFiles(log);
        } catch (IOException | RuntimeException e) {
            f.close();
            if (!lockExisted) { // a refused run leaves no trace
                Files.deleteIfExists(lockFile);
            }
            throw e;
        }
        return f;
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    private static void checkWritable(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("--out " + dir + " is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("--out " + dir + " cannot be created: " + e, e);
        }
        Path probe;
        try {
            probe = Files.createTempFile(dir, ".cs231n-write-check", ".tmp");
        } catch (IOException e) {
            throw new IOException("--out " + dir + " is not writable: " + e, e);
        }
        try {
            Files.write(probe, new byte[] {1});
        } catch (IOException e) {
            throw new IOException("--out " + dir + " is not writable (disk full?): " + e, e);
        } finally {
            Files.deleteIfExists(probe);
        }
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free == 0) {
            throw new IOException("--out " + dir + ": no space left on its disk");
        }
    }

    /** A lock file left non-empty: its owner ended without releasing it (killed, or its machine stopped). */
    private void takeOver(Map<String, String> previous, PrintStream log) {
        if (previous.isEmpty()) {
            return;
        }
        String host = previous.getOrDefault("host", "?");
        Optional<ProcessHandle> alive = Optional.empty();
        try {
            long pid = Long.parseLong(previous.getOrDefault("pid", "-1"));
            if (host.equals(hostName()) && pid != ProcessHandle.current().pid()) {
                alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            }
        } catch (NumberFormatException e) {
            // an unreadable lock file: taken over like a stale one
        }
        log.println("--out " + dir + ": taking over the lock of " + describe(previous) + ", which ended without "
                + "releasing it" + (alive.isPresent() ? " (that pid now belongs to another process)" : "")
                + "; an interrupted run");
    }

    private void write(String job) throws IOException {
        String text = "pid=" + ProcessHandle.current().pid() + "\nhost=" + hostName() + "\njob=" + job + "\nstarted="
                + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    /** Removes {@code .NAME…tmp} files of interrupted runs (this run holds the lock: none is being written). */
    private void removeTemporaryFiles(PrintStream log) throws IOException {
        List<Path> tmp = new ArrayList<>();
        Files.walkFileTree(dir, java.util.Set.of(), 4, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String n = file.getFileName().toString();
                if (attrs.isRegularFile() && n.startsWith(".") && n.endsWith(".tmp")) {
                    tmp.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path p : tmp) {
            Files.deleteIfExists(p);
        }
        if (!tmp.isEmpty()) {
            log.println("--out " + dir + ": removed " + tmp.size() + " temporary file(s) an interrupted run left");
        }
    }

    private void prepare(Mode mode, boolean ours, PrintStream log) throws IOException {
        List<Path> earlier = earlierOutputs();
        if (earlier.isEmpty()) {
            return;
        }
        List<String> names = earlier.stream().map(p -> p.getFileName().toString()).sorted().limit(6).toList();
        String listed = String.join(", ", names) + (earlier.size() > names.size() ? ", ..." : "");
        if (!ours) {
            throw new IllegalStateException("--out " + dir + " holds files that no cs231n run wrote (" + listed
                    + "; none of " + LOCK + ", " + String.join(", ", MARKERS) + "); choose a new or empty folder");
        }
        if (mode == Mode.RESUME) {
            return;
        }
        if (mode == Mode.FRESH) {
            throw new IllegalStateException("--out " + dir + " holds the outputs of an earlier run (" + listed
                    + "): pass --resume to continue it (where the job has --resume), --overwrite to remove them "
                    + "first, or choose another --out");
        }
        for (Path p : earlier) {
            deleteRecursively(p);
        }
        log.println("--overwrite: removed the earlier run's outputs from " + dir + " (" + listed + ")");
    }

    /** @return the folder's entries but the lock file; hidden files other than pending ones do not count */
    private List<Path> earlierOutputs() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return !n.equals(LOCK) && (!n.startsWith(".") || n.endsWith(".pending"));
            }).sorted().toList();
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path c : (Iterable<Path>) s::iterator) {
                    deleteRecursively(c);
                }
            }
        }
        Files.delete(p);
    }

    private static Map<String, String> read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(buf, 0);
        Map<String, String> m = new TreeMap<>();
        for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return m;
    }

    private static String describe(Map<String, String> owner) {
        if (owner.isEmpty()) {
            return "owner unknown";
        }
        return owner.getOrDefault("job", "a job") + ", pid " + owner.getOrDefault("pid", "?") + " on host "
                + owner.getOrDefault("host", "?") + ", started " + owner.getOrDefault("started", "?");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
            }
            lock.release();
        } finally {
            channel.close();
        }
    }
}
