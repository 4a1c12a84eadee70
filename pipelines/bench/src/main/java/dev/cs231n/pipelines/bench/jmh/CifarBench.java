package dev.cs231n.pipelines.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
import dev.cs231n.datavec.cifar.preprocess.ChannelStandardization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CIFAR-10 ingestion: the raw sequential read of the five training batch files (the floor), loading the whole
 * training set into one float32 NCHW array, and one shuffled epoch of the course's 49,000-image training split
 * through the iterator with per-channel standardisation (batch 128).
 */
@State(Scope.Benchmark)
public class CifarBench {

    /** Images in the five training batches. */
    public static final int TRAIN_IMAGES = 5 * CifarFormat.RECORDS_PER_FILE;
    /** Images in the course's training split. */
    public static final int TRAIN_SPLIT_IMAGES = CifarSplits.COURSE_TRAIN;

    /** The {@code cifar-10-batches-bin} folder (set by the bench job). */
    @Param("")
    public String batchesDir;

    private Path dir;
    private CifarDataset trainSplit;
    private ChannelStandardization standardise;
    private int epoch;

    /**
     * Loads the training split once for the iteration benchmark.
     *
     * @throws IOException when the data cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        dir = Path.of(batchesDir);
        CifarDataset train = CifarDataset.loadTrain(dir);
        trainSplit = CifarSplits.course(train, CifarDataset.loadTest(dir)).train();
        standardise = ChannelStandardization.fit(trainSplit);
    }

    /**
     * @param bh sink
     * @throws IOException when a file cannot be read
     */
    @Benchmark
    public void readRawTrain(Blackhole bh) throws IOException {
        for (int b = 1; b <= 5; b++) {
            bh.consume(Files.readAllBytes(dir.resolve("data_batch_" + b + ".bin")));
        }
    }

    /**
     * @return the training set as one float32 {@code [50000, 3, 32, 32]} array (0-255)
     * @throws IOException when a file cannot be read
     */
    @Benchmark
    public long loadTrain() throws IOException {
        INDArray x = CifarTensors.features(CifarDataset.loadTrain(dir), FeatureLayout.NCHW, DataType.FLOAT);
        long n = x.size(0);
        x.close();
        return n;
    }

    /** @param bh sink */
    @Benchmark
    public void iterateTrainStandardised(Blackhole bh) {
        CifarDataSetIterator it = CifarDataSetIterator.builder(trainSplit).batchSize(128)
                .layout(FeatureLayout.NCHW).shuffle(17).preProcessor(standardise).build();
        it.setEpoch(epoch++);
        while (it.hasNext()) {
            DataSet ds = it.next();
            bh.consume(ds.getFeatures().getFloat(0));
            ds.getFeatures().close();
            ds.getLabels().close();
        }
    }
}
