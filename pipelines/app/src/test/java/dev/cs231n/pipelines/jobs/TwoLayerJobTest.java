package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.cs231n.pipelines.Cs231n;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code two-layer}'s command line, without data: options, and bad values refused before any loading. */
class TwoLayerJobTest {

    private static String run(int expectedExit, String... args) {
        CommandLine cl = Cs231n.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        assertEquals(expectedExit, code, out.toString());
        return out.toString();
    }

    @Test
    void helpListsTheJobAndItsOptions() {
        assertTrue(run(0, "--help").contains("  two-layer "));
        String help = run(0, "two-layer", "--help");
        for (String opt : new String[] {"--data-dir", "--out", "--seed", "--hidden", "--lr", "--reg", "--epochs",
            "--batch", "--update-rule", "--lr-decay", "--weight-scale", "--dtype", "--resume", "SGD_MOMENTUM"}) {
            assertTrue(help.contains(opt), "two-layer --help lacks " + opt + ":\n" + help);
        }
    }

    @Test
    void badValuesFailBeforeLoadingAnythingAndWriteNothing(@TempDir Path dir) {
        Path out = dir.resolve("out");
        String msg = run(1, "two-layer", "--batch", "0", "--data-dir", dir.resolve("none").toString(), "--out",
                out.toString());
        assertTrue(msg.contains("batch size must be >= 1"), msg);
        msg = run(1, "two-layer", "--hidden", "0", "--data-dir", dir.resolve("none").toString(), "--out",
                out.toString());
        assertTrue(msg.contains("--hidden must be >= 1"), msg);
        assertFalse(Files.exists(out.resolve("metrics.json")));
        assertTrue(run(2, "two-layer", "--update-rule", "nesterov").contains("nesterov"));
    }
}
