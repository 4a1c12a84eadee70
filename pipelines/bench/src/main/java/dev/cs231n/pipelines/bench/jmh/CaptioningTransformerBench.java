package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.layers.transformer.CaptioningTransformer;
import dev.cs231n.layers.transformer.FeedForwardActivation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Adam step (forward, backward, update) of the course's captioning transformer ({@link CaptioningTransformer}:
 * features 512, width 256, 2 heads, 2 decoder layers, feed-forward 2048, dropout 0.1, vocabulary 1004, the course's
 * initialisation) on the batch of {@link CaptioningRnnBench} (25 captions, 16 input / 16 target tokens, the last 5
 * targets masked), float32: PyTorch's {@code (j) CaptioningTransformer W256 h2 L2 Adam train step (b25, T16)} in
 * {@code torch-baseline-wave2.txt} (50.73 ms; its model in training mode, dropout on).
 */
@State(Scope.Benchmark)
public class CaptioningTransformerBench {

    private ComputationGraph net;
    private MultiDataSet batch;

    /** Builds the model and the fixed random batch. */
    @Setup
    public void setUp() {
        net = courseModel();
        batch = CaptioningRnnBench.batch();
    }

    /** @return the course-sized captioning transformer, initialised as the course does (seed 1) */
    static ComputationGraph courseModel() {
        ComputationGraph g = new ComputationGraph(CaptioningTransformer.configuration(512, 256, 2, 2, 2048, 1004,
                CaptioningTransformer.DEFAULT_MAX_LENGTH, 0.1, FeedForwardActivation.RELU, new Adam(1e-3),
                DataType.FLOAT, 1));
        g.init();
        CaptioningTransformer.initializeLikeCourse(g, 1);
        return g;
    }

    /** One training step. */
    @Benchmark
    public void step() {
        net.fit(batch);
    }
}
