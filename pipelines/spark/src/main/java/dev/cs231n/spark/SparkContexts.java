package dev.cs231n.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of a run, with the settings DL4J 1.0.0-M2's Spark modules need on Java 17 and Spark 3.5. Each
 * setting that works around a failure says which, and the README's table names the test ({@code SparkTrainingTest},
 * {@code SparkClusterTest}, {@code SparkFailuresTest}, {@code SparkTrainJobTest}) that fails when it is dropped.
 *
 * <p>Masters: {@code local[K]} runs the driver and K executor threads in this JVM; {@code local-cluster[N,C,M]}
 * (Spark's test cluster: N executor JVMs of C cores and M MB on this machine, started from this JVM's class path) is
 * how the tests prove that classes and configurations travel to other JVMs; any other URL
 * ({@code spark://host:7077}, {@code yarn}, {@code k8s://...}) is for {@code spark-submit} with the shaded jar.
 */
public final class SparkContexts {

    /**
     * Aeron's publication-unblock timeout (ns) for gradient sharing. DL4J M2 sets Aeron's client liveness timeout to
     * 30 s; Aeron 1.39's default unblock timeout (15 s) must exceed it, else the media driver refuses to start:
     * {@code ConfigurationException: publicationUnblockTimeoutNs=15000000000 <= clientLivenessTimeoutNs=30000000000}.
     */
    public static final String AERON_UNBLOCK_TIMEOUT = "60000000000";
    /** Environment variable through which DL4J's gradient sharing takes a worker's own IP address. */
    public static final String VOID_IP_ENV = "DL4J_VOID_IP";
    /** The loopback address given to executors of {@code local-cluster} (the driver keeps 127.0.0.1). */
    public static final String EXECUTOR_LOOPBACK = "127.0.0.2";
    /** Prefix of the Aeron directories of a run (in /dev/shm where it exists). */
    public static final String AERON_DIR_PREFIX = "cs231n-aeron-";

    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");

    private SparkContexts() {
    }

    /**
     * @param master a master URL
     * @return whether the driver and the executors run in this JVM ({@code local}, {@code local[K]}, {@code local[*]})
     */
    public static boolean inProcess(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /**
     * @param master a master URL
     * @return whether it is Spark's {@code local-cluster[N,C,M]}
     */
    public static boolean localCluster(String master) {
        return LOCAL_CLUSTER.matcher(master.replace(" ", "")).matches();
    }

    /**
     * @param master a master URL
     * @return whether every executor runs on this machine, on loopback addresses
     */
    public static boolean onThisMachine(String master) {
        return inProcess(master) || localCluster(master);
    }

    /**
     * @param master a master URL
     * @return the executors a run waits for before training: N of {@code local-cluster[N,..]}, 1 for a cluster, 0 in
     *         process
     */
    public static int expectedExecutors(String master) {
        Matcher m = LOCAL_CLUSTER.matcher(master.replace(" ", ""));
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        return inProcess(master) ? 0 : 1;
    }

    /**
     * The Spark configuration of a run (without its master when {@code master} is null, as under spark-submit).
     *
     * @param master   the master URL
     * @param appName  the application's name
     * @param aeronDir this JVM's Aeron directory (see {@link #aeronDir})
     * @return the configuration
     */
    public static SparkConf conf(String master, String appName, Path aeronDir) {
        SparkConf c = new SparkConf().setAppName(appName);
        if (master != null) {
            c.setMaster(master);
        }
        // Kryo with ND4J's registrator (INDArrays of the DataSets and broadcast parameters); nd4j-kryo's own Kryo is
        // excluded in the pom, so Spark's kryo-shaded serves both.
        c.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        c.set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        // the RDD's minibatches travel inside the tasks of sc.parallelize: a partition of flat CIFAR-10 is hundreds of
        // MB, over the 128 MB default ("Serialized task ... exceeds max allowed: spark.rpc.message.maxSize")
        c.set("spark.rpc.message.maxSize", "1024");
        // Spark's INFO lines would bury the epoch lines (spark-submit --conf spark.log.level=INFO brings them back)
        c.setIfMissing("spark.log.level", "WARN");
        // Aeron settings for executors in other JVMs (in process they share this JVM's system properties, set in
        // prepareDriver): the unblock timeout above, and one Aeron directory per executor, removed on shutdown, in
        // place of the random /dev/shm/aeron-* ones that DL4J's embedded media drivers otherwise leave behind
        String shm = aeronDir.toAbsolutePath().getParent().toString();
        String given = c.get("spark.executor.extraJavaOptions", "").trim(); // e.g. from spark-submit --conf
        c.set("spark.executor.extraJavaOptions", (given.isEmpty() ? "" : given + " ")
                + "-Daeron.publication.unblock.timeout=" + AERON_UNBLOCK_TIMEOUT
                + " -Daeron.dir=" + shm + "/" + AERON_DIR_PREFIX + "{{APP_ID}}-{{EXECUTOR_ID}}"
                + " -Daeron.dir.delete.on.start=true -Daeron.dir.delete.on.shutdown=true");
        if (master != null && onThisMachine(master)) {
            c.set("spark.driver.host", "127.0.0.1");
            c.set("spark.driver.bindAddress", "127.0.0.1");
            c.set("spark.ui.enabled", "false");
        }
        if (master != null && localCluster(master)) {
            Matcher m = LOCAL_CLUSTER.matcher(master.replace(" ", ""));
            m.matches();
            // Spark's local-cluster starts executors with the launcher library, which looks for a Spark
            // distribution: this JVM's class path serves instead (SPARK_TESTING: no jars/ folder needed;
            // SPARK_SCALA_VERSION: no build folders to look for)
            c.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            c.set("spark.executorEnv.SPARK_TESTING", "1");
            c.set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12");
            c.set("spark.executorEnv.OMP_NUM_THREADS", m.group(2));
            c.set("spark.executor.memory", m.group(3) + "m");
            // gradient sharing: an executor on this machine finds 127.0.0.1 as its address, binds the driver's
            // port, trains alone, and the driver's network silently stays at chance; its own loopback address
            // prevents that
            c.set("spark.executorEnv." + VOID_IP_ENV, EXECUTOR_LOOPBACK);
        }
        return c;
    }

    /**
     * System properties of the driver JVM (and of in-process executors), set before any Aeron use.
     *
     * @param aeronDir this JVM's Aeron directory
     */
    public static void prepareDriver(Path aeronDir) {
        // see AERON_UNBLOCK_TIMEOUT: without it SharedTrainingMaster fails at start
        System.setProperty("aeron.publication.unblock.timeout", AERON_UNBLOCK_TIMEOUT);
        // a directory of our own (removed by close), not a random /dev/shm/aeron-* left behind by every run
        System.setProperty("aeron.dir", aeronDir.toString());
        System.setProperty("aeron.dir.delete.on.start", "true");
        System.setProperty("aeron.dir.delete.on.shutdown", "true");
    }

    private static Path jvmAeronDir;

    /**
     * @return this JVM's Aeron directory (in /dev/shm where it exists, else the temporary folder): one per JVM, as
     *         DL4J keeps one parameter server (and its embedded media driver) per JVM; removed when the JVM exits
     */
    public static synchronized Path aeronDir() {
        if (jvmAeronDir == null) {
            Path shm = Path.of("/dev/shm");
            Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Path dir = base.resolve(AERON_DIR_PREFIX + "driver-" + ProcessHandle.current().pid());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAeronDirs(dir, null), "cs231n-aeron-cleanup"));
            jvmAeronDir = dir;
        }
        return jvmAeronDir;
    }

    /**
     * Starts a Spark context: checks the JVM's module options, then that a standalone master is reachable, then waits
     * for the executors.
     *
     * @param conf           the configuration ({@link #conf})
     * @param startTimeoutMs how long the master and the executors may take
     * @return the context
     * @throws IllegalStateException when the JVM lacks the module options, the master cannot be reached, or no
     *                               executor registers in time (the message says what to do)
     */
    public static JavaSparkContext start(SparkConf conf, long startTimeoutMs) {
        JavaModuleCheck.require();
        String master = conf.get("spark.master", null);
        if (master == null) {
            throw new IllegalStateException("no Spark master: give --spark MASTER (local[2], spark://host:7077, ...) or "
                    + "run under spark-submit --master ...");
        }
        probeStandalone(master, Math.min(startTimeoutMs, 10_000));
        JavaSparkContext sc = create(conf, master, startTimeoutMs);
        try {
            awaitExecutors(sc, expectedExecutors(master), startTimeoutMs);
        } catch (RuntimeException e) {
            sc.stop();
            throw e;
        }
        return sc;
    }

    /**
     * Creates the context in a thread of its own: against a standalone master that accepts the connection but never
     * registers the application, Spark's constructor waits (about a minute of retries, and longer behind a proxy).
     */
    private static JavaSparkContext create(SparkConf conf, String master, long timeoutMs) {
        FutureTask<JavaSparkContext> task = new FutureTask<>(() -> new JavaSparkContext(conf));
        Thread t = new Thread(task, "cs231n-spark-context");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new IllegalStateException(String.format(Locale.ROOT, "the Spark master %s did not accept the "
                    + "application within %.0f s: is it a Spark master of a compatible version (Spark %s)? raise "
                    + "--start-timeout if it is only slow", master, timeoutMs / 1000.0, org.apache.spark.package$.MODULE$.SPARK_VERSION()), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException("cannot start Spark on " + master
                    + ": " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Spark on " + master, e);
        }
    }

    /**
     * A {@code spark://} master that nobody listens on would leave Spark retrying for a minute and then stopping the
     * context under a training master that waits: it fails here instead, at once.
     */
    static void probeStandalone(String master, long timeoutMs) {
        Matcher m = STANDALONE.matcher(master);
        if (!m.matches()) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : m.group(1).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1).replaceAll("/.*", ""));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), (int) timeoutMs);
                return;
            } catch (IOException e) {
                failures.add(host + ":" + port + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalStateException("cannot reach the Spark master " + master + ": " + String.join(", ", failures)
                + "; start it ($SPARK_HOME/sbin/start-master.sh and start-worker.sh) or correct --spark");
    }

    /** Waits until {@code n} executors have registered with the driver. */
    static void awaitExecutors(JavaSparkContext sc, int n, long timeoutMs) {
        if (n <= 0) {
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        int have = 0;
        while (System.currentTimeMillis() < deadline) {
            have = sc.sc().getExecutorMemoryStatus().size() - 1; // the driver's block manager is one of them
            if (have >= n) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "only %d of %d Spark executors registered within "
                + "%.0f s (master %s): check that workers are running and have the cores and memory asked for, or "
                + "raise --start-timeout", have, n, timeoutMs / 1000.0, sc.master()));
    }

    /**
     * Removes Aeron directories on this machine: those of the application's local-cluster executors (beside the
     * driver's), and the driver's own when {@code appId} is null (at exit).
     *
     * @param aeronDir the driver's
     * @param appId    the Spark application whose executors' directories go, or null for the driver's
     */
    public static void removeAeronDirs(Path aeronDir, String appId) {
        List<Path> dirs = new ArrayList<>();
        if (appId == null) {
            dirs.add(aeronDir);
        }
        Path parent = aeronDir.toAbsolutePath().getParent();
        if (appId != null && parent != null) {
            try (Stream<Path> s = Files.list(parent)) {
                s.filter(p -> p.getFileName().toString().startsWith(AERON_DIR_PREFIX + appId + "-")).forEach(dirs::add);
            } catch (IOException ignored) {
                // nothing to clean there
            }
        }
        for (Path d : dirs) {
            if (!Files.exists(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: a directory left behind is harmless
            }
        }
    }
}
