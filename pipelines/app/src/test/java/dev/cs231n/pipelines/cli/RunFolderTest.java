package dev.cs231n.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunFolder} on its own: the lock within one JVM, a stale lock file of a dead process, the cleanup. */
class RunFolderTest {

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    @Test
    void aSecondRunInTheSameJvmIsRefusedNamingTheFolderAndTheOwner(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        try (RunFolder first = RunFolder.open(out, "fc-net", RunFolder.Mode.FRESH, log)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RunFolder.open(out, "cnn", RunFolder.Mode.RESUME, log));
            assertTrue(e.getMessage().contains("--out " + out + " is in use by another run (fc-net, pid "
                    + ProcessHandle.current().pid()), e.getMessage());
        }
        assertEquals("", Files.readString(out.resolve(RunFolder.LOCK)), "released");
        RunFolder.open(out, "fc-net", RunFolder.Mode.FRESH, log).close(); // free again
    }

    @Test
    void theLockFileOfADeadProcessIsTakenOverAndItsTemporaryFilesRemoved(@TempDir Path tmp) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve(RunFolder.LOCK), "pid=" + gone.pid() + "\nhost=elsewhere\njob=cnn\n");
        Files.write(out.resolve(".checkpoint.zip123.tmp"), new byte[] {1});
        Files.createDirectories(out.resolve("work/run-1"));
        Files.write(out.resolve("work/run-1/.model.zip9.tmp"), new byte[] {1});
        try (RunFolder f = RunFolder.open(out, "cnn", RunFolder.Mode.RESUME, log)) {
            assertTrue(Files.readString(out.resolve(RunFolder.LOCK)).contains("pid=" + ProcessHandle.current().pid()));
        }
        String said = logged.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("taking over the lock of cnn, pid " + gone.pid() + " on host elsewhere"), said);
        assertTrue(said.contains("removed 2 temporary file(s)"), said);
        assertFalse(Files.exists(out.resolve(".checkpoint.zip123.tmp")));
        assertFalse(Files.exists(out.resolve("work/run-1/.model.zip9.tmp")));
    }
}
