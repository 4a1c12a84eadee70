package dev.cs231n.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private static String run(int expectedExit, String... args) {
        CommandLine cl = Cs231n.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertEquals(expectedExit, code, out + "\n" + err);
        return out + err.toString();
    }

    @Test
    void helpListsEveryJobWithOneLine() {
        String help = run(0, "--help");
        for (String job : new String[] {"cifar-info", "bench"}) {
            assertTrue(help.contains("  " + job + " "), job + " missing from\n" + help);
        }
    }

    @Test
    void eachJobHasHelpWithTheCommonOptions() {
        for (String job : new String[] {"cifar-info", "bench"}) {
            String help = run(0, job, "--help");
            for (String opt : new String[] {"--data-dir", "--out", "--seed"}) {
                assertTrue(help.contains(opt), job + " --help lacks " + opt + ":\n" + help);
            }
        }
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        String msg = run(2, "cifar-info", "--no-such-option");
        assertTrue(msg.contains("--no-such-option"), msg);
    }

    @Test
    void aFailingJobPrintsTheReasonWithoutAStackTrace(@TempDir Path dir)
            throws Exception {
        Path bad = dir.resolve("cifar-10-batches-bin");
        Files.createDirectories(bad);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
            "data_batch_5.bin", "test_batch.bin"}) {
            Files.write(bad.resolve(f), new byte[3073 * 2 + 5]);
        }
        Files.writeString(bad.resolve("batches.meta.txt"), "a\nb\n");
        String msg = run(1, "cifar-info", "--data-dir", dir.toString(), "--out", dir.resolve("out").toString());
        assertTrue(msg.contains("data_batch_1.bin"), msg);
        assertFalse(msg.contains("\tat "), msg);
        assertFalse(Files.exists(dir.resolve("out").resolve("metrics.json")), "no half output");
    }
}
