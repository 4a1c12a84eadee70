package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.layers.loss.NtXentLoss;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Forward and backward of {@link NtXentLoss} on the projections of 256 pairs ({@code [512, 128]} float32, tau 0.5),
 * the shape of PyTorch's row (c): one {@code computeGradientAndScore} of a network holding only the loss (score and
 * the gradient with respect to the projections), on the fused path (default) or the SameDiff definition.
 */
@State(Scope.Benchmark)
public class NtXentBench {

    /** FUSED (the default runtime) or SAMEDIFF (the reference definition). */
    @Param({"FUSED"})
    public NtXentLoss.Path path;

    private MultiLayerNetwork net;
    private INDArray x;
    private INDArray y;

    /** A loss-only network and fixed random projections. */
    @Setup
    public void setUp() {
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(NtXentLoss.builder().path(path).build()).setInputType(InputType.feedForward(128)).build());
        net.init();
        Nd4j.getRandom().setSeed(3);
        x = Nd4j.randn(DataType.FLOAT, 512, 128);
        y = Nd4j.zeros(DataType.FLOAT, 512, 1);
    }

    /** @return the score, so that nothing is optimised away */
    @Benchmark
    public double forwardBackward() {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.score();
    }
}
