package dev.cs231n.datavec.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.datavec.testing.TarGz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTarGzTest {

    @TempDir
    Path root;

    private Path archive(TarGz tar) throws IOException {
        return Files.write(root.resolve("a.tar.gz"), tar.build());
    }

    private int dests;

    private Path dest() throws IOException {
        return Files.createDirectories(root.resolve("work").resolve("dest" + dests++));
    }

    @Test
    void extractsFilesAndDirectories() throws IOException {
        Path archive = archive(TarGz.builder().directory("top/").text("top/a.txt", "hello").directory("top/sub/")
                .file("top/sub/b.bin", new byte[] {1, 2, 3}).text("./c.txt", "c"));
        Path dest = dest();
        SafeTarGz.extract(archive, dest, 1000);
        assertArrayEquals("hello".getBytes(), Files.readAllBytes(dest.resolve("top/a.txt")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dest.resolve("top/sub/b.bin")));
        assertTrue(Files.isRegularFile(dest.resolve("c.txt")));
    }

    @Test
    void parentTraversalIsRejectedAndNothingIsWrittenOutside() throws IOException {
        for (String name : new String[] {"../x", "top/../../x", "top/../../../work/x"}) {
            Path archive = archive(TarGz.builder().text("top/ok.txt", "ok").text(name, "evil"));
            Path dest = dest();
            UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                    () -> SafeTarGz.extract(archive, dest, 1000));
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertFalse(Files.exists(root.resolve("work").resolve("x")));
            assertFalse(Files.exists(root.resolve("x")));
        }
    }

    @Test
    void absolutePathsAreRejected() throws IOException {
        Path outside = root.resolve("abs-target.txt");
        Path archive = archive(TarGz.builder().text(outside.toString(), "evil"));
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> SafeTarGz.extract(archive, dest(), 1000));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
        assertFalse(Files.exists(outside));
    }

    @Test
    void linksAreRejected() throws IOException {
        Path symlink = archive(TarGz.builder().link("top/link", "/etc", false).text("top/link/passwd", "x"));
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> SafeTarGz.extract(symlink, dest(), 1000));
        assertTrue(e.getMessage().contains("top/link"), e.getMessage());
        assertFalse(Files.exists(root.resolve("work/dest0/top/link"), LinkOption.NOFOLLOW_LINKS));

        Path hard = archive(TarGz.builder().link("hard", "../../outside", true));
        assertThrows(UnsafeArchiveException.class, () -> SafeTarGz.extract(hard, dest(), 1000));
    }

    @Test
    void archivesBeyondTheLimitAreRejected() throws IOException {
        Path archive = archive(TarGz.builder().file("big.bin", new byte[5000]));
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> SafeTarGz.extract(archive, dest(), 4096));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
    }
}
