package dev.cs231n.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failures that must end with a message saying what to do, not hang. */
class SparkFailuresTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void unreachableMasterFailsAtOnce() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free, and closed again: nobody listens there
        }
        String master = "spark://127.0.0.1:" + port;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkContexts.start(
                SparkContexts.conf(master, "test", SparkContexts.aeronDir()), 20_000));
        assertTrue(e.getMessage().contains("cannot reach the Spark master " + master), e.getMessage());
        assertTrue(e.getMessage().contains("start-master.sh"), e.getMessage());
    }

    /**
     * A port that accepts connections but never answers (not a Spark master): the job fails after --start-timeout.
     * In a child JVM, as a user runs it: Spark's abandoned context keeps retrying in the background and, when it gives
     * up a minute later, clears Spark's global environment, which would break the next test's context in this JVM.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void silentMasterFailsAfterTheStartTimeout(@TempDir Path out) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(server.accept());
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String master = "spark://127.0.0.1:" + server.getLocalPort();
            long t0 = System.nanoTime();
            Result r = runJob(true, "--spark", master, "--start-timeout", "5", "--out", out.resolve("run").toString(),
                    "--data-dir", out.resolve("no-data").toString());
            double s = (System.nanoTime() - t0) / 1e9;
            assertEquals(1, r.exit, r.output);
            assertTrue(r.output.contains("the Spark master " + master + " did not accept the application within 5 s"),
                    r.output);
            assertTrue(s < 60, "took " + s + " s");
            for (Socket h : held) {
                h.close();
            }
        }
    }

    /** A training master that submits no Spark task (here: a job that never starts one) fails after the timeout. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void trainingThatStartsNoTaskFailsAfterTheStartTimeout() {
        JavaSparkContext sc = SparkTestSupport.context("local[1]");
        try (FitWatchdog good = new FitWatchdog(sc, 30_000, 0)) {
            // a good epoch passes (the first job of a context can take seconds to start its first task on a loaded
            // machine: hence the default --start-timeout of 120 s)
            good.run("epoch 1/1", () -> sc.parallelize(List.of(1, 2, 3), 2).count(), "the hint");
        }
        try (FitWatchdog w = new FitWatchdog(sc, 2_000, 0)) {
            FitWatchdog.TimeoutFailure e = assertThrows(FitWatchdog.TimeoutFailure.class, () -> w.run("epoch 1/1",
                    () -> sleep(30_000), "the hint"));
            assertTrue(e.getMessage().contains("started no Spark task within 2 s (--start-timeout): the hint"),
                    e.getMessage());
        }
        // a training whose tasks run but never end (the hang of gradient sharing) fails after the epoch timeout
        try (FitWatchdog w2 = new FitWatchdog(sc, 10_000, 3_000)) {
            FitWatchdog.TimeoutFailure e2 = assertThrows(FitWatchdog.TimeoutFailure.class, () -> w2.run("epoch 1/1",
                    () -> sc.parallelize(List.of(1), 1).foreach(x -> Thread.sleep(60_000)), "the hint"));
            assertTrue(e2.getMessage().contains("did not finish within 3 s (--epoch-timeout)"), e2.getMessage());
        } finally {
            SparkTestSupport.stop(sc);
        }
    }

    /**
     * A JVM started without the module options fails before Spark starts, naming them (Spark would fail with an
     * IllegalAccessError on sun.nio.ch.DirectBuffer).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void jvmWithoutTheModuleOptionsIsToldWhichToAdd(@TempDir Path out) throws Exception {
        Result r = runJob(false, "--spark", "local[1]", "--out", out.resolve("run").toString(), "--data-dir",
                out.resolve("no-data").toString());
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("without the module options Spark needs on Java 17"), r.output);
        assertTrue(r.output.contains("--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"), r.output);
        assertTrue(r.output.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), r.output);
    }

    /** The pom's surefire argLine carries JavaModuleCheck's options (they are written in both places). */
    @Test
    void theTestJvmHasTheModuleOptions() {
        List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(args.containsAll(JavaModuleCheck.OPTIONS), "missing: " + JavaModuleCheck.OPTIONS.stream()
                .filter(o -> !args.contains(o)).toList());
        assertEquals(List.of(), JavaModuleCheck.missing());
    }

    private record Result(int exit, String output) {
    }

    /**
     * Runs spark-train in a child JVM on this class path; a download of CIFAR-10 (which these runs must never reach)
     * is pointed at a closed port.
     */
    private static Result runJob(boolean moduleOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Dcs231n.cifar10.baseUrl=http://127.0.0.1:9/");
        if (moduleOptions) {
            cmd.addAll(JavaModuleCheck.OPTIONS);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SparkTrainMain.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
