package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.layers.recurrent.CaptioningRnn;
import dev.cs231n.pipelines.caption.CaptionSampler;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Caption decoding as the captioning jobs run it ({@link CaptionSampler}): greedy for {@link #IMAGES} images in one
 * batch, beam search of width {@link #BEAM_WIDTH} image by image, at most 30 tokens, for the course-sized models of
 * {@link CaptioningRnnBench} and {@link CaptioningTransformerBench}. The models are freshly initialised, so they
 * practically never emit {@code <END>}: every caption runs the full 30 steps (the worst case; trained models stop at
 * about 10 to 12). PyTorch's baseline has no decoding line.
 */
@State(Scope.Benchmark)
public class CaptionDecodeBench {

    /** Images decoded per greedy call. */
    public static final int IMAGES = 25;
    /** Images decoded per beam-search call. */
    public static final int BEAM_IMAGES = 2;
    /** The beam width of the beam-search row. */
    public static final int BEAM_WIDTH = 3;

    /** Which captioner: {@code rnn} or {@code transformer}. */
    @Param({"rnn"})
    public String model;

    private CaptionSampler sampler;
    private INDArray features;
    private INDArray beamFeatures;

    /** Builds the model and random features. */
    @Setup
    public void setUp() {
        ComputationGraph net;
        if ("transformer".equals(model)) {
            net = CaptioningTransformerBench.courseModel();
        } else {
            net = new ComputationGraph(CaptioningRnn.configuration(512, 256, 512, 1004, new Adam(1e-3),
                    DataType.FLOAT, 1));
            net.init();
            CaptioningRnn.initializeLikeCourse(net, 1);
        }
        sampler = new CaptionSampler(net, 1, 2, 30);
        Nd4j.getRandom().setSeed(3);
        features = Nd4j.randn(DataType.FLOAT, IMAGES, 512);
        beamFeatures = features.getRows(0, 1).dup();
    }

    /** @return greedy captions of {@link #IMAGES} images */
    @Benchmark
    public Object greedy() {
        return sampler.greedy(features);
    }

    /** @return beam-search captions of {@link #BEAM_IMAGES} images */
    @Benchmark
    public Object beam() {
        return sampler.beam(beamFeatures, BEAM_WIDTH);
    }
}
