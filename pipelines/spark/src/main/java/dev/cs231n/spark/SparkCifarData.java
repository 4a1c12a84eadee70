package dev.cs231n.spark;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;

/**
 * The training data of a Spark run as an RDD of minibatch {@link DataSet}s, built on the driver from the same
 * CIFAR-10 reader and preprocessing as single-machine training ({@link CifarDataSetIterator}: the epoch's seeded
 * shuffle, the preprocessing fitted on the training split, optional flip/crop augmentation), cut into one partition
 * per worker. The driver reads the files, so executors need no shared file system.
 */
public final class SparkCifarData implements SparkTrainer.EpochData {

    private final JavaSparkContext sc;
    private final CifarDataSetIterator it;
    private final RandomFlipCrop augment;
    private final int partitions;

    /**
     * @param sc         the context
     * @param train      the training images
     * @param batch      minibatch size (the training master's batch size per worker)
     * @param layout     the network's input layout
     * @param dtype      the network's data type
     * @param seed       seed of the per-epoch shuffles
     * @param pre        preprocessing fitted on the training split
     * @param augment    flip/crop augmentation, or null
     * @param partitions partitions of the RDD (one per worker)
     */
    public SparkCifarData(JavaSparkContext sc, CifarDataset train, int batch, FeatureLayout layout, DataType dtype,
                          long seed, CifarPreprocessor pre, RandomFlipCrop augment, int partitions) {
        this.sc = sc;
        this.augment = augment;
        this.partitions = partitions;
        this.it = CifarDataSetIterator.builder(train).batchSize(batch).layout(layout).dataType(dtype).shuffle(seed)
                .preProcessor(augment == null ? pre : new CompositeDataSetPreProcessor(pre, augment)).build();
    }

    @Override
    public JavaRDD<DataSet> rdd(int epoch) {
        it.setEpoch(epoch);
        if (augment != null) {
            augment.setEpoch(epoch);
        }
        return parallelize(sc, it, partitions);
    }

    /**
     * @param epoch the epoch, from 0
     * @return that epoch's minibatches in the RDD's order (for the driver's BatchNorm statistics)
     */
    public DataSetIterator iterator(int epoch) {
        it.setEpoch(epoch);
        if (augment != null) {
            augment.setEpoch(epoch);
        }
        it.reset();
        return it;
    }

    /**
     * @param sc         the context
     * @param it         minibatches (reset first)
     * @param partitions partitions
     * @return the minibatches as an RDD, in order, split into contiguous partitions
     */
    public static JavaRDD<DataSet> parallelize(JavaSparkContext sc, DataSetIterator it, int partitions) {
        it.reset();
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            DataSet d = it.next();
            // features and labels only: the iterator's label names are an immutable list, which Kryo cannot rebuild
            // on the executor (KryoException: UnsupportedOperationException, trace: labelNames (DataSet))
            batches.add(new DataSet(d.getFeatures(), d.getLabels()));
        }
        return sc.parallelize(batches, Math.max(1, Math.min(partitions, batches.size())));
    }
}
