package dev.cs231n.datavec.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a {@code .tar.gz} archive, checking every entry before writing it. Only regular files and
 * directories are accepted; an entry is rejected (with an {@link UnsafeArchiveException} naming it) if
 * its name is empty, absolute ({@code /x}, {@code \x}, {@code C:x}), contains a {@code ..} segment or a
 * backslash, or resolves outside the destination; if it is a symbolic or hard link or a special file;
 * or if the archive expands beyond a byte limit. Extract into a fresh directory and discard it on
 * failure: entries before the rejected one are written (inside the destination only).
 */
public final class SafeTarGz {

    private SafeTarGz() {
    }

    /**
     * @param archive  the {@code .tar.gz} file
     * @param destDir  an existing, empty directory
     * @param maxBytes the most bytes the regular files may total
     * @throws UnsafeArchiveException on a rejected entry or an archive over the limit
     * @throws IOException            on a corrupt archive or write errors
     */
    public static void extract(Path archive, Path destDir, long maxBytes) throws IOException {
        Path root = destDir.toAbsolutePath().normalize();
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream file = Files.newInputStream(archive);
             InputStream gz = new GzipCompressorInputStream(new BufferedInputStream(file, 1 << 16));
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                String name = entry.getName();
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new UnsafeArchiveException(archive + ": entry '" + name + "' is a link (to '"
                            + entry.getLinkName() + "'); links are not extracted");
                }
                Path target = safeTarget(archive, root, name);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    if (target.equals(root)) {
                        throw new UnsafeArchiveException(archive + ": file entry '" + name
                                + "' would replace the destination directory");
                    }
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        int n;
                        while ((n = tar.read(buffer)) > 0) {
                            total += n;
                            if (total > maxBytes) {
                                throw new UnsafeArchiveException(archive + ": expands beyond " + maxBytes
                                        + " bytes (at entry '" + name + "')");
                            }
                            out.write(buffer, 0, n);
                        }
                    }
                } else {
                    throw new UnsafeArchiveException(archive + ": entry '" + name
                            + "' is not a regular file or directory");
                }
            }
        }
    }

    /**
     * Resolves an entry name inside the destination, or rejects it.
     *
     * @param archive the archive (for messages)
     * @param root    the normalised absolute destination
     * @param name    the entry name
     * @return the path to write
     * @throws UnsafeArchiveException if the name is unsafe
     */
    static Path safeTarget(Path archive, Path root, String name) throws UnsafeArchiveException {
        if (name == null || name.isEmpty()) {
            throw new UnsafeArchiveException(archive + ": entry with an empty name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            throw new UnsafeArchiveException(archive + ": entry '" + name + "' has an absolute path");
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(archive + ": entry '" + name + "' has a backslash or NUL in its name");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException(archive + ": entry '" + name
                        + "' has a '..' segment (path traversal)");
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new UnsafeArchiveException(archive + ": entry '" + name + "' resolves outside " + root);
        }
        return target;
    }
}
