package dev.cs231n.pipelines.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that readers never see a half-written one: the content goes to a temporary file in the same
 * directory, which is then renamed over the target.
 */
public final class AtomicFiles {

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the temporary file's stream
         * @throws IOException on failure; the target is then left as it was
         */
        void write(OutputStream out) throws IOException;
    }

    private static final Set<PosixFilePermission> PUBLISHED = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /**
     * @param target the file to create or replace
     * @param writer writes the content
     * @throws IOException when writing or renaming fails; the temporary file is removed
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param target the file to create or replace
     * @param text   its UTF-8 content
     * @throws IOException when writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Renames {@code from} over {@code to}, atomically where the file system allows. On POSIX file systems the
     * result gets the permissions of an ordinarily created file ({@code rw-r--r--}) rather than the owner-only
     * ones of a {@link Files#createTempFile temporary file}.
     *
     * @param from a file in the same directory as {@code to}
     * @param to   the target
     * @throws IOException when the rename fails
     */
    public static void move(Path from, Path to) throws IOException {
        TestPause.at("publish:" + to.getFileName());
        if (Files.getFileStore(from).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(from, PUBLISHED);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
