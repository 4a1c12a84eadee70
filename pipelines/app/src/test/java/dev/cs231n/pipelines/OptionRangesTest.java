package dev.cs231n.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cs231n.pipelines.cli.OptionChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every bad option value is refused by the command line before any data is loaded or any output folder is made,
 * with a message naming the option and its allowed range; {@code --out} is checked at start; fc-net's
 * {@code --norm} lists only what it accepts.
 */
class OptionRangesTest {

    private static final List<Class<?>> NUMERIC = List.of(int.class, long.class, double.class, float.class,
            Integer.class, Long.class, Double.class, int[].class, long[].class, double[].class);

    private static String run(int expectedExit, String... args) {
        CommandLine cl = Cs231n.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute(args);
        assertEquals(expectedExit, code, String.join(" ", args) + " printed:\n" + out);
        return out.toString();
    }

    private static Map<String, CommandLine> jobs() {
        Map<String, CommandLine> jobs = new java.util.TreeMap<>(Cs231n.commandLine().getSubcommands());
        jobs.remove("help");
        return jobs;
    }

    @Test
    void everyNumericOptionOfEveryJobHasARange() {
        List<String> unchecked = new ArrayList<>();
        for (Map.Entry<String, CommandLine> job : jobs().entrySet()) {
            for (OptionSpec o : job.getValue().getCommandSpec().options()) {
                boolean alias = o.hidden() && o.userObject() instanceof java.lang.reflect.Method;
                if (NUMERIC.contains(o.type()) && !alias && OptionChecks.range(o) == null) {
                    unchecked.add(job.getKey() + " " + o.longestName());
                }
            }
        }
        assertTrue(unchecked.isEmpty(), "numeric options without @Range: " + unchecked);
    }

    @Test
    void everyDefaultIsInRange() {
        for (String job : jobs().keySet()) {
            CommandLine cl = Cs231n.commandLine();
            List<String> args = new ArrayList<>(List.of(job));
            if (job.equals("simclr-eval")) {
                args.addAll(List.of("--encoder", "x"));
            }
            CommandLine.ParseResult p = cl.parseArgs(args.toArray(new String[0]));
            assertEquals(List.of(), OptionChecks.violations(p.subcommand().commandSpec()), job);
        }
    }

    @Test
    void badValuesAreRefusedBeforeAnythingLoadsNamingTheOptionAndItsRange(@TempDir Path tmp) {
        String none = tmp.resolve("no-data").toString();
        String[][] cases = {
            {"fc-net", "--epochs", "0", "--epochs must be >= 1, got 0"},
            {"two-layer", "--epochs", "-1", "--epochs must be >= 1, got -1"},
            {"cnn", "--lr", "0", "--lr must be > 0, got 0.0"},
            {"fc-net", "--keep-prob", "1.5", "--keep-prob must be in (0, 1], got 1.5"},
            {"fc-net", "--hidden", "32,0", "--hidden must be >= 1, got 0"},
            {"cifar-info", "--per-class", "-3", "--per-class must be in 1..100, got -3"},
            {"knn", "--folds", "1", "--folds must be >= 2, got 1"},
            {"svm", "--regs", "1e3,-1", "--regs must be >= 0, got -1.0"},
            {"simclr-pretrain", "--tau", "0", "--tau must be > 0, got 0.0"},
            {"two-layer", "--lr-decay", "NaN", "--lr-decay must be in (0, 1], got NaN"},
            {"bn-weight-scale", "--num-train", "0", "--num-train must be in 1..49000, got 0"},
        };
        for (String[] c : cases) {
            Path out = tmp.resolve(c[0] + c[2]);
            String msg = run(1, c[0], c[1], c[2], "--data-dir", none, "--out", out.toString());
            assertTrue(msg.contains(c[3]), String.join(" ", c) + ":\n" + msg);
            assertFalse(Files.exists(out), "nothing is made for a refused run: " + out);
            assertFalse(msg.contains("CIFAR-10"), "refused before looking for data: " + msg);
        }
    }

    @Test
    void fcNetNormListsOnlyTheNormalisationsItAccepts() {
        String msg = run(2, "fc-net", "--norm", "group");
        assertTrue(msg.contains("NONE, BATCH, LAYER") && !msg.contains("GROUP,") && !msg.contains(", GROUP"), msg);
        String help = run(0, "fc-net", "--help");
        assertTrue(help.contains("NONE, BATCH, LAYER"), help);
    }

    @Test
    void anUnusableOutIsFoundAtStart(@TempDir Path tmp) throws IOException {
        String none = tmp.resolve("no-data").toString();
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String msg = run(1, "fc-net", "--data-dir", none, "--out", file.toString());
        assertTrue(msg.contains("--out " + file + " is a file"), msg);
        // /proc takes no new folders, not even from root
        msg = run(1, "two-layer", "--data-dir", none, "--out", "/proc/cs231n-out");
        assertTrue(msg.contains("--out /proc/cs231n-out cannot be created"), msg);
        assertFalse(msg.contains("CIFAR-10"), msg);
    }

    @Test
    void aFolderOfOtherFilesIsNeverUsedNorClearedAndARefusedRunLeavesNoTrace(@TempDir Path tmp) throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("my-documents"));
        Files.writeString(mine.resolve("thesis.tex"), "x");
        for (String flag : new String[] {"--overwrite", "--resume"}) {
            String msg = run(1, "fc-net", flag, "--data-dir", tmp.resolve("no-data").toString(), "--out",
                    mine.toString());
            assertTrue(msg.contains("holds files that no cs231n run wrote (thesis.tex"), msg);
        }
        try (java.util.stream.Stream<Path> s = Files.list(mine)) {
            assertEquals(List.of("thesis.tex"), s.map(p -> p.getFileName().toString()).toList(),
                    "untouched, and no lock file left behind");
        }
    }

    @Test
    void resumeAndOverwriteExcludeEachOther(@TempDir Path tmp) {
        String msg = run(1, "fc-net", "--resume", "--overwrite", "--data-dir", tmp.toString(), "--out",
                tmp.resolve("o").toString());
        assertTrue(msg.contains("--resume and --overwrite exclude each other"), msg);
    }

    @Test
    void aGivenBatchesFolderLackingAFileIsNamedAndNothingIsDownloaded(@TempDir Path tmp) throws IOException {
        Path batches = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        for (String f : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "batches.meta.txt")) {
            Files.write(batches.resolve(f), new byte[0]);
        }
        String saved = System.getProperty("cs231n.cifar10.baseUrl");
        System.setProperty("cs231n.cifar10.baseUrl", "http://127.0.0.1:9/"); // a closed port, never a real host
        try {
            String msg = run(1, "cifar-info", "--data-dir", batches.toString(), "--out", tmp.resolve("o").toString());
            assertTrue(msg.contains("lacks [test_batch.bin]"), msg);
            assertFalse(Files.exists(batches.resolve("cifar-10-batches-bin")), "no nested folder");
        } finally {
            if (saved == null) {
                System.clearProperty("cs231n.cifar10.baseUrl");
            } else {
                System.setProperty("cs231n.cifar10.baseUrl", saved);
            }
        }
    }
}
