package dev.cs231n.pipelines.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.testing.ArrayJson;
import org.apache.commons.io.FileUtils;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Writes the jobs' compatibility artifacts ({@link JobCase}) into a <em>new</em> version folder, e.g.
 * {@code pipelines/src/test/resources/compat/v2/}. It writes the synthetic CIFAR-10 ({@link SyntheticCifarData},
 * seed {@value SyntheticCifarData#DEFAULT_SEED}) into a temporary folder and records its checksums in
 * {@value #DATA_FILE}; then for each job, in {@code <version>/<job>/}:
 *
 * <pre>
 * args.txt              the command line, one argument per line (${DATA_DIR} and ${OUT} for the folders)
 * metrics.json          what the job wrote
 * model.zip, ...        the files it persisted (JobCase#persisted, relative paths kept)
 * outputs.json          the stored models' outputs on the first 20 test images (JobArtifacts#outputs)
 * resume-args.txt       the --resume command (jobs that have one), run on a copy of the persisted files
 * resumed-metrics.json  the metrics of that resumed run
 * </pre>
 *
 * <p><b>Run only when a format deliberately changes, into a new version folder; never overwrite {@code v1}</b>: the
 * stored files are the record of what users' runs persisted, and {@code JobCompatArtifactsTest} keeps checking them.
 * The generator refuses to write into an existing folder, except to add named jobs that have no folder there yet
 * (a job whose files had no artifact: the captioning jobs were added to {@code v1} this way), on the same synthetic
 * CIFAR-10 (checked against {@value #DATA_FILE}). The captioning jobs read the synthetic COCO folder stored as
 * {@code <version>/synthetic-coco/} ({@link SyntheticCocoData}, written the first time). It runs ND4J on one native
 * thread ({@link NativeThreads}), as the test does, and must be started with {@code OMP_NUM_THREADS=2}, as surefire
 * starts the test (the figures depend on it). From the repository root (v1 took 10 minutes on the 2-core machine
 * under load):
 *
 * <pre>
 * mvn -B -ntp -q test-compile dependency:build-classpath -pl pipelines -am -Dmdep.outputFile=/tmp/cp.txt
 * OMP_NUM_THREADS=2 java -Xmx6g -cp pipelines/target/test-classes:pipelines/target/classes:$(cat /tmp/cp.txt) \
 *     dev.cs231n.pipelines.compat.JobCompatArtifactsGenerator pipelines/src/test/resources/compat v2
 * </pre>
 *
 * (The module is now {@code pipelines/app}: {@code -pl pipelines/app -am} (with {@code -am} the class path names the
 * reactor's {@code target/classes}, not older installed jars), {@code pipelines/app/target/...}; the captioning
 * jobs were added with {@code ... JobCompatArtifactsGenerator pipelines/app/src/test/resources/compat v1
 * caption-rnn caption-transformer}, 1.5 minutes.)
 */
public final class JobCompatArtifactsGenerator {

    /** The synthetic data's seed and checksums, at the version folder's root. */
    static final String DATA_FILE = "synthetic-cifar.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobCompatArtifactsGenerator() {
    }

    /**
     * @param args the {@code compat} folder and the new version's name (e.g. {@code v2}), optionally followed by
     *             job names to generate only those (for trials into a scratch folder)
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: JobCompatArtifactsGenerator COMPAT_DIR VERSION [JOB...]   (e.g. "
                    + "pipelines/src/test/resources/compat v2)");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]).resolve(args[1]);
        List<String> only = List.of(args).subList(2, args.length);
        boolean adding = Files.exists(dir);
        if (adding && only.isEmpty()) {
            throw new IOException(dir + " exists: stored artifacts are never overwritten; choose a new version, or "
                    + "name the jobs to add to it");
        }
        Path tmp = Files.createTempDirectory("compat-jobs");
        try (NativeThreads one = NativeThreads.one()) {
            Path data = tmp.resolve("data");
            Path batches = SyntheticCifarData.write(data, SyntheticCifarData.DEFAULT_SEED);
            Map<String, String> sha = SyntheticCifarData.sha256(batches);
            if (adding) {
                // jobs added to an existing version run on the same data, and no stored folder is touched
                Map<?, ?> stored = MAPPER.readValue(dir.resolve(DATA_FILE).toFile(), Map.class);
                if (!sha.equals(stored.get("sha256"))) {
                    throw new IOException("the synthetic CIFAR-10 differs from " + dir.resolve(DATA_FILE));
                }
                for (String job : only) {
                    if (Files.exists(dir.resolve(job))) {
                        throw new IOException(dir.resolve(job) + " exists: stored artifacts are never overwritten");
                    }
                }
            } else {
                Files.createDirectories(dir);
                MAPPER.writeValue(dir.resolve(DATA_FILE).toFile(), Map.of("seed", SyntheticCifarData.DEFAULT_SEED,
                        "sha256", sha));
            }
            Path coco = dir.resolve(SyntheticCocoData.STORED);
            if (!Files.exists(coco)) {
                SyntheticCocoData.write(coco);
            }
            FileUtils.copyDirectory(coco.toFile(), data.resolve("coco").toFile());
            for (JobCase c : JobCase.values()) {
                if (only.isEmpty() || only.contains(c.job())) {
                    long t0 = System.nanoTime();
                    write(c, dir.resolve(c.job()), data, batches, tmp.resolve(c.job()));
                    System.out.printf("compat: wrote %s in %.1f s%n", dir.resolve(c.job()),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        } finally {
            FileUtils.deleteDirectory(tmp.toFile());
        }
    }

    private static void write(JobCase c, Path dir, Path data, Path batches, Path work) throws IOException {
        Files.createDirectories(dir);
        Path out = work.resolve("out");
        List<String> args = c.args();
        JobArtifacts.run(args, data, out);
        Files.write(dir.resolve(JobArtifacts.ARGS), args);
        Files.copy(out.resolve(Metrics.FILE_NAME), dir.resolve(Metrics.FILE_NAME));
        for (String f : c.persisted()) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.copy(out.resolve(f), dir.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        if (c.outputs() != JobCase.Outputs.NONE) {
            ArrayJson.write(dir.resolve(JobArtifacts.OUTPUTS), JobArtifacts.outputs(c, dir, args, batches));
        }
        if (c.resume() != JobCase.Resume.NONE) {
            Path resumed = work.resolve("resumed");
            JobArtifacts.prepareResume(c, dir, resumed);
            List<String> resumeArgs = JobArtifacts.resumeArgs(args, c);
            JobArtifacts.run(resumeArgs, data, resumed);
            Files.write(dir.resolve(JobArtifacts.RESUME_ARGS), resumeArgs);
            Files.copy(resumed.resolve(Metrics.FILE_NAME), dir.resolve(JobArtifacts.RESUMED_METRICS));
        }
    }
}
