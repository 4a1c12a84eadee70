package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.layers.recurrent.CaptioningRnn;
import dev.cs231n.layers.recurrent.VanillaRnnGraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Adam step (forward, backward, update) of the course's captioning RNN ({@link CaptioningRnn}: features 512,
 * word vectors 256, hidden 512, vocabulary 1004) on a batch of 25 captions of 16 input / 16 target tokens, the last 5
 * targets {@code <NULL>} (masked), float32: PyTorch's {@code (k) CaptioningRNN W256 H512 Adam train step (b25, T16)}
 * in {@code torch-baseline-wave2.txt} (14.38 ms). {@code reference=true} runs the RNN vertex's SameDiff reference
 * instead of its fast path.
 */
@State(Scope.Benchmark)
public class CaptioningRnnBench {

    /** Batch size. */
    public static final int BATCH = 25;

    /** Whether the RNN vertex runs its SameDiff reference instead of the fast path. */
    @Param({"false"})
    public boolean reference;

    private ComputationGraph net;
    private MultiDataSet batch;

    /** Builds the model and a fixed random batch shaped as PyTorch's. */
    @Setup
    public void setUp() {
        net = new ComputationGraph(CaptioningRnn.configuration(512, 256, 512, 1004, new Adam(1e-3), DataType.FLOAT,
                1));
        net.init();
        ((VanillaRnnGraphVertex) net.getVertex(CaptioningRnn.RNN)).setReference(reference);
        batch = batch();
    }

    /**
     * @return a fixed random batch shaped as PyTorch's: 25 feature vectors of 512, captions of 17 random tokens
     *         (not {@code <NULL>}) whose last 5 are {@code <NULL>}
     */
    static MultiDataSet batch() {
        Nd4j.getRandom().setSeed(2);
        INDArray features = Nd4j.randn(DataType.FLOAT, BATCH, 512);
        INDArray captions = Nd4j.rand(DataType.FLOAT, BATCH, 17).muli(1003).addi(1).castTo(DataType.INT32)
                .castTo(DataType.FLOAT);
        captions.get(NDArrayIndex.all(), NDArrayIndex.interval(12, 17)).assign(0);
        return CaptioningRnn.trainingData(features, captions, 1004, DataType.FLOAT);
    }

    /** One training step. */
    @Benchmark
    public void step() {
        net.fit(batch);
    }
}
