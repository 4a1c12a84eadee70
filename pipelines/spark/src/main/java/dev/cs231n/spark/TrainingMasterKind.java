package dev.cs231n.spark;

import java.util.Locale;

import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.repartitioner.NoOpRepartitioner;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * DL4J's two Spark training masters, as {@code --training-master averaging|sharing}.
 *
 * <ul>
 * <li>{@link #AVERAGING}: {@link ParameterAveragingTrainingMaster}. Every worker fits {@code averagingFrequency}
 * minibatches of {@code batchSizePerWorker} from the same parameters, then the driver averages parameters (and updater
 * state) and broadcasts them: synchronous, exact for one worker.</li>
 * <li>{@link #SHARING}: {@link SharedTrainingMaster}. Workers exchange quantised gradient updates over Aeron (UDP)
 * whenever an element exceeds a threshold (adapted to keep the update sparse, {@link AdaptiveThresholdAlgorithm});
 * asynchronous, the one DL4J recommends for clusters.</li>
 * </ul>
 */
public enum TrainingMasterKind {
    /** Parameter averaging. */
    AVERAGING,
    /** Gradient sharing over Aeron. */
    SHARING;

    /**
     * The settings of a training master.
     *
     * @param batchPerWorker     minibatch size of each worker (also the size of the RDD's DataSets)
     * @param averagingFrequency averaging: minibatches between two averagings
     * @param threshold          sharing: the initial threshold of the adaptive threshold algorithm
     * @param prefetch           minibatches each worker prefetches
     * @param controller         sharing: the driver's address that workers connect to
     * @param networkMask        sharing: the network workers pick their own address from (e.g. 10.0.0.0/16), or
     *                           null; on this machine 127.0.0.0/8
     * @param seed               seed of the training master's data splits
     */
    public record Settings(int batchPerWorker, int averagingFrequency, double threshold, int prefetch,
                           String controller, String networkMask, long seed) {
    }

    /** @return the option value, lower case */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param s the settings
     * @return a new training master
     */
    public TrainingMaster<?, ?> create(Settings s) {
        if (this == AVERAGING) {
            return new ParameterAveragingTrainingMaster.Builder(s.batchPerWorker())
                    .batchSizePerWorker(s.batchPerWorker()).averagingFrequency(s.averagingFrequency())
                    .workerPrefetchNumBatches(s.prefetch()).saveUpdater(true).rngSeed(s.seed())
                    // the default Export approach writes the RDD to files that every executor reads back: it needs a
                    // file system shared by all (HDFS, S3) and fails on a local one; Direct trains on the RDD as is
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    // repartitions (a shuffle) only when the RDD does not have one partition per worker
                    .repartionData(Repartition.NumPartitionsWorkersDiffers)
                    .collectTrainingStats(false).build();
        }
        VoidConfiguration voidConf = VoidConfiguration.builder()
                // the driver listens on DL4J's default 49876 whatever unicastPort(..) says (not an option here); each
                // executor JVM gets a port of its own (ExecutorPortSupplier)
                .portSupplier(new ExecutorPortSupplier(VoidConfiguration.DEFAULT_AERON_UDP_PORT))
                // a network mask, when given, decides a worker's address; without one DL4J takes DL4J_VOID_IP
                .controllerAddress(s.controller()).networkMask(s.networkMask()).build();
        return new SharedTrainingMaster.Builder(voidConf, s.batchPerWorker())
                .batchSizePerWorker(s.batchPerWorker()).workersPerNode(1)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(s.threshold()))
                .workerPrefetchNumBatches(s.prefetch()).rngSeed(s.seed())
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // with the default repartitioner the training hangs for ever (every run on 32k examples: workers wait
                // in SharedTrainingWrapper's BlockingObserver.waitTillDone); repartitionData(Never) is ignored, the
                // no-op repartitioner keeps the RDD's partitions (one per worker, see SparkCifarData)
                .repartitioner(new NoOpRepartitioner())
                .collectTrainingStats(false).build();
    }
}
