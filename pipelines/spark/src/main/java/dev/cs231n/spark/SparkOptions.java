package dev.cs231n.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cs231n.pipelines.cli.Range;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.TrainingMaster;
import picocli.CommandLine.Option;

/**
 * The options every Spark job shares (a picocli mixin): the master, the training master and its settings, the
 * driver's BatchNorm statistics under gradient sharing, and the timeouts; {@link #start} starts Spark with them. The
 * workers' prefetch is a mixin of its own ({@link WorkerPrefetchOption}), since {@code simclr-pretrain} has a
 * {@code --prefetch} of its own.
 */
public final class SparkOptions {

    private static final Pattern LOCAL_K = Pattern.compile("local\\[(\\d+)]");

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Spark master: local[K] (in this JVM), local-cluster[N,C,M] (N executor JVMs here), "
                    + "spark://host:7077 (under spark-submit); default: spark-submit's --master, else local[2].")
    String master;

    @Option(names = "--training-master", defaultValue = "sharing",
            description = "averaging (parameter averaging) or sharing (gradient sharing over Aeron) "
                    + "(default: ${DEFAULT-VALUE}).")
    TrainingMasterKind trainingMaster;

    @Range(min = 0)
    @Option(names = "--workers", defaultValue = "0",
            description = "Workers (RDD partitions); 0: K of local[K], N of local-cluster[N,..], else Spark's default "
                    + "parallelism (default: ${DEFAULT-VALUE}).")
    int workers;

    @Range(min = 1)
    @Option(names = "--averaging-frequency", defaultValue = "5",
            description = "averaging: minibatches each worker fits between two averagings (default: ${DEFAULT-VALUE}).")
    int averagingFrequency;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--threshold", defaultValue = "1e-3",
            description = "sharing: initial threshold of the adaptive encoding of the updates (default: "
                    + "${DEFAULT-VALUE}).")
    double threshold;

    @Range(min = 0)
    @Option(names = "--bn-batches", defaultValue = "20",
            description = "sharing: after each epoch the driver recomputes the running statistics of every BatchNorm "
                    + "from this many of the epoch's minibatches (gradient sharing never brings the workers' to the "
                    + "driver); 0: never, they then stay at mean 0, variance 1 (default: ${DEFAULT-VALUE}).")
    int bnBatches;

    /** Minibatches each worker prefetches ({@link WorkerPrefetchOption}; jobs with a --prefetch of their own keep 2). */
    int prefetch = 2;

    @Option(names = "--controller-address", paramLabel = "HOST",
            description = "sharing: the driver's address as workers reach it (default: 127.0.0.1 on this machine, "
                    + "else Spark's driver host).")
    String controller;

    @Option(names = "--network-mask", paramLabel = "CIDR",
            description = "sharing: the network workers take their address from, e.g. 10.0.0.0/16 (default: none: "
                    + "each executor's DL4J_VOID_IP, else 127.0.0.1).")
    String networkMask;

    @Range(min = 1)
    @Option(names = "--start-timeout", defaultValue = "120",
            description = "Seconds the executors and each epoch's first Spark task may take to start "
                    + "(default: ${DEFAULT-VALUE}).")
    int startTimeout;

    @Range(min = 0)
    @Option(names = "--epoch-timeout", defaultValue = "0",
            description = "Seconds an epoch may take, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int epochTimeout;

    /**
     * @param option the job's {@code --prefetch}
     * @return this
     */
    public SparkOptions workerPrefetch(WorkerPrefetchOption option) {
        this.prefetch = option.prefetch;
        return this;
    }

    /** @return the training master chosen */
    public TrainingMasterKind trainingMaster() {
        return trainingMaster;
    }

    /** @return minibatches of the driver's BatchNorm statistics after each epoch; 0 when none are recomputed */
    public int batchNormBatches() {
        return trainingMaster == TrainingMasterKind.SHARING ? bnBatches : 0;
    }

    /**
     * @param batch the minibatch size per worker
     * @return the settings that determine the result (recorded in the checkpoint; a resume must have the same)
     */
    public Map<String, Object> settings(int batch) {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("training-master", trainingMaster);
        st.put("batch-size", batch);
        if (trainingMaster == TrainingMasterKind.AVERAGING) {
            st.put("averaging-frequency", averagingFrequency);
        } else {
            st.put("threshold", threshold);
            st.put("bn-batches", bnBatches);
        }
        return st;
    }

    /**
     * Fails at once in a JVM without the module options, then starts Spark (a master that cannot be reached fails
     * before the job loads its data).
     *
     * @param appName the application's name
     * @return the started session
     */
    public Session start(String appName) {
        JavaModuleCheck.require();
        String m = master != null ? master : System.getProperty("spark.master", "local[2]");
        Path aeronDir = SparkContexts.aeronDir();
        SparkContexts.prepareDriver(aeronDir);
        SparkConf conf = SparkContexts.conf(m, appName, aeronDir);
        return new Session(SparkContexts.start(conf, startTimeout * 1000L), m, aeronDir);
    }

    /** A started Spark context, and what the training needs of the options. */
    public final class Session implements AutoCloseable {
        private final JavaSparkContext sc;
        private final String master;
        private final Path aeronDir;
        private final String appId;

        private Session(JavaSparkContext sc, String master, Path aeronDir) {
            this.sc = sc;
            this.master = master;
            this.aeronDir = aeronDir;
            this.appId = sc.sc().applicationId();
        }

        /** @return the context */
        public JavaSparkContext context() {
            return sc;
        }

        /** @return the master URL */
        public String master() {
            return master;
        }

        /** @return the number of workers (RDD partitions) */
        public int workers() {
            if (workers > 0) {
                return workers;
            }
            Matcher k = LOCAL_K.matcher(master);
            if (k.matches()) {
                return Integer.parseInt(k.group(1));
            }
            int n = SparkContexts.expectedExecutors(master);
            return SparkContexts.localCluster(master) ? n : Math.max(1, sc.defaultParallelism());
        }

        /**
         * @param batch minibatch size per worker
         * @param seed  seed of the training master's data splits
         * @return a new training master with the options' settings
         */
        public TrainingMaster<?, ?> trainingMaster(int batch, long seed) {
            String c = controller != null ? controller
                    : SparkContexts.onThisMachine(master) ? "127.0.0.1" : sc.getConf().get("spark.driver.host");
            return trainingMaster.create(new TrainingMasterKind.Settings(batch, averagingFrequency, threshold,
                    prefetch, c, networkMask, seed));
        }

        /**
         * @param builder a trainer's options
         * @return them with the options' timeouts
         */
        public SparkTrainer.Builder timeouts(SparkTrainer.Builder builder) {
            return builder.timeouts(startTimeout * 1000L, epochTimeout * 1000L);
        }

        /** @return what to check when an epoch misses a deadline */
        public String hint() {
            if (trainingMaster == TrainingMasterKind.SHARING) {
                return "gradient sharing did not get going or got stuck: every executor must reach the driver at "
                        + "UDP port 49876 (--controller-address, firewall), executors on one machine need addresses "
                        + "of their own (" + SparkContexts.VOID_IP_ENV + ", set for local-cluster), and the master "
                        + master + " must have executors with free cores; rerun with a larger "
                        + "--start-timeout/--epoch-timeout if it was only slow";
            }
            return "check that the master " + master + " has executors with free cores (executor logs), or rerun "
                    + "with a larger --start-timeout/--epoch-timeout if it was only slow";
        }

        /**
         * @param e a failure of the training
         * @return it, or one naming the property behind Aeron's start failure (DL4J M2's liveness timeout vs
         *         Aeron's default)
         */
        public RuntimeException explain(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String msg = String.valueOf(t.getMessage());
                if (msg.contains("publicationUnblockTimeoutNs")) {
                    return new IllegalStateException("gradient sharing could not start Aeron (" + msg + "): the "
                            + "driver and every executor need -Daeron.publication.unblock.timeout="
                            + SparkContexts.AERON_UNBLOCK_TIMEOUT + " (this job sets it; do not override it lower)",
                            e);
                }
            }
            return e;
        }

        @Override
        public void close() {
            sc.stop();
            SparkContexts.removeAeronDirs(aeronDir, appId);
        }
    }
}
