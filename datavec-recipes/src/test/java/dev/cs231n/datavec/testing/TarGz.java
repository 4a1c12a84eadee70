package dev.cs231n.datavec.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds {@code .tar.gz} archives in memory with commons-compress, including hostile entries. */
public final class TarGz {

    private final List<TarArchiveEntry> entries = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    /** @return an empty archive builder */
    public static TarGz builder() {
        return new TarGz();
    }

    /**
     * @param name  entry name, kept verbatim (even absolute or with {@code ..})
     * @param bytes file contents
     * @return this builder
     */
    public TarGz file(String name, byte[] bytes) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(bytes.length);
        entries.add(e);
        contents.add(bytes);
        return this;
    }

    /**
     * @param name entry name ending in {@code /}
     * @return this builder
     */
    public TarGz directory(String name) {
        entries.add(new TarArchiveEntry(name, true));
        contents.add(null);
        return this;
    }

    /**
     * @param name   entry name
     * @param target link target
     * @param hard   a hard link instead of a symbolic one
     * @return this builder
     */
    public TarGz link(String name, String target, boolean hard) {
        TarArchiveEntry e = new TarArchiveEntry(name, hard ? TarConstants.LF_LINK : TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        entries.add(e);
        contents.add(null);
        return this;
    }

    /**
     * @param name entry name
     * @param text UTF-8 contents
     * @return this builder
     */
    public TarGz text(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the gzip-compressed tar archive
     * @throws IOException never, in practice
     */
    public byte[] build() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < entries.size(); i++) {
                tar.putArchiveEntry(entries.get(i));
                if (contents.get(i) != null) {
                    tar.write(contents.get(i));
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
