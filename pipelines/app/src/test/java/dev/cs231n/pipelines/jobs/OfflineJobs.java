package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.cs231n.classic.linear.SingleThreadedOps;
import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.io.Metrics;
import picocli.CommandLine;

/**
 * The jobs' offline end-to-end tests: a job run on {@link OfflineData} through {@link Cs231n#commandLine()} as
 * {@code ./cs231n} runs it, and checks of what it wrote. No {@code CS231N_DATA}, no download. Jobs run with one
 * ND4J / BLAS thread ({@link SingleThreadedOps}): their arrays are small here, and on a machine shared by several
 * builds two OpenMP threads that wait for each other made a two-layer step of 400 x 3072 x 8 take 0.6 s.
 */
final class OfflineJobs {

    private OfflineJobs() {
    }

    /**
     * @param data a data folder
     * @return the common options of a job given {@code --data-dir data}: the data as every job gets it
     */
    static CommonOptions commonOptions(Path data) {
        return CommandLine.populateCommand(new CommonOptions(), "--data-dir", data.toString());
    }

    /**
     * Runs {@code ./cs231n JOB --data-dir DATA --out OUT OPTIONS...}.
     *
     * @param expectedExit the exit code the run must end with
     * @param job          the job
     * @param data         the data folder
     * @param out          the output folder
     * @param options      the job's other options
     * @return what the job printed (standard output and the command line's error stream)
     */
    static String run(int expectedExit, String job, Path data, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of(job, "--data-dir", data.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        CommandLine cl = Cs231n.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new Tee(stdout, printed), true, StandardCharsets.UTF_8));
        int code;
        try (SingleThreadedOps oneThread = SingleThreadedOps.enter()) {
            code = cl.execute(args.toArray(new String[0]));
        } finally {
            System.out.flush();
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8) + err;
        assertEquals(expectedExit, code, String.join(" ", args) + " printed:\n" + text);
        return text;
    }

    /**
     * @param out  a job's output folder
     * @param keys the keys its metrics.json must hold
     * @return the metrics
     * @throws IOException when metrics.json cannot be read
     */
    static Map<String, Object> metrics(Path out, List<String> keys) throws IOException {
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        for (String k : keys) {
            assertNotNull(m.get(k), "metrics.json lacks " + k + "; it has " + m.keySet());
        }
        return m;
    }

    /**
     * @param m   metrics
     * @param key a numeric key
     * @return its value
     */
    static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Number, key + " missing or not a number: " + v);
        return ((Number) v).doubleValue();
    }

    /**
     * @param png       a file that must be a PNG
     * @param minWidth  its smallest acceptable width
     * @param minHeight its smallest acceptable height
     * @throws IOException when it cannot be read
     */
    static void assertPng(Path png, int minWidth, int minHeight) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not an image");
        assertTrue(img.getWidth() >= minWidth && img.getHeight() >= minHeight,
                png + " is " + img.getWidth() + "x" + img.getHeight());
    }

    /**
     * @param a arguments
     * @param b more
     * @return both, in order
     */
    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
