package dev.cs231n.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * The jobs built into the application, as the README's job table lists them; {@code bench} joins from
     * pipelines/bench (not on this module's class path: its own tests check it).
     */
    static final List<String> BUILT_IN = List.of("cifar-info", "knn", "svm", "softmax", "two-layer", "features",
            "fc-net", "bn-weight-scale", "cnn");

    /** @return every job the command line has (built in or joined through ServiceLoader), by name */
    static Map<String, CommandLine> jobs() {
        Map<String, CommandLine> jobs = new TreeMap<>(Cs231n.commandLine().getSubcommands());
        jobs.remove("help");
        return jobs;
    }

    /**
     * @param help the command line's {@code --help}
     * @param job  a job
     * @return the line that lists the job
     */
    static String listing(String help, String job) {
        return help.lines().filter(l -> l.startsWith("  " + job + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(job + " missing from\n" + help));
    }

    @Test
    void helpListsEveryJobWithOneLine() {
        Map<String, CommandLine> jobs = jobs();
        assertTrue(jobs.keySet().containsAll(BUILT_IN), jobs.keySet().toString());
        String help = run(0, "--help");
        for (Map.Entry<String, CommandLine> job : jobs.entrySet()) {
            String[] description = job.getValue().getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, job.getKey() + " has no description");
            String start = description[0].substring(0, Math.min(20, description[0].length()));
            assertTrue(listing(help, job.getKey()).contains(start), job.getKey() + " is listed without its line '"
                    + start + "...' in\n" + help);
        }
    }

    @Test
    void eachJobHasHelpWithTheCommonOptions() {
        for (String job : jobs().keySet()) {
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
