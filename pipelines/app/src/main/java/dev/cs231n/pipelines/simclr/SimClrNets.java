package dev.cs231n.pipelines.simclr;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.loss.NtXentLoss;
import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.pipelines.nn.NormKind;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * SimCLR's networks on NCHW {@code [N, 3, 32, 32]} CIFAR-10, as MultiLayerNetworks whose first
 * {@link #encoderLayers(SimClrSpec)} layers are the encoder:
 * <ul>
 * <li>encoder: the {@code cnn} job's deep conv stack, {conv3x3(w) - norm - ReLU - max-pool 2x2} for w = 32, 64, 128
 * (DL4J's convolution and pooling on oneDNN, our BatchNorm), then a global average pool: a 128-d representation
 * {@code h};</li>
 * <li>pretraining: the course's projection head on {@code h}: dense 512 without bias - our BatchNorm - ReLU -
 * dense 128, into {@link NtXentLoss} (input: the two views' {@code [2N, 3, 32, 32]}, view 1 first);</li>
 * <li>classifier: the encoder and a softmax layer of 10 classes (fine-tuning, or the same from scratch).</li>
 * </ul>
 * The encoder is the same configuration in every network, so its parameters copy over layer by layer
 * ({@link #copyEncoder}).
 */
public final class SimClrNets {

    /** The encoder's output width (channels of its last convolution). */
    public static final int FEATURES = 128;

    private SimClrNets() {
    }

    private static List<Layer> encoder(SimClrSpec s) {
        List<Layer> layers = new ArrayList<>();
        boolean normed = s.norm() != NormKind.NONE;
        for (int width : new int[] {32, 64, FEATURES}) {
            layers.add(new ConvolutionLayer.Builder(3, 3).nOut(width).hasBias(!normed).l2(s.l2())
                    .activation(normed ? Activation.IDENTITY : Activation.RELU).build());
            if (normed) {
                layers.add(s.norm().layer(s.groups()));
                layers.add(new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
            layers.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .build());
        }
        layers.add(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        return layers;
    }

    /**
     * @param s the architecture
     * @return how many layers the encoder has (its output is the activation of layer {@code encoderLayers - 1})
     */
    public static int encoderLayers(SimClrSpec s) {
        return encoder(s).size();
    }

    private static NeuralNetConfiguration.ListBuilder base(IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(updater)
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same).list();
    }

    /**
     * @param s       the architecture
     * @param updater the update rule
     * @param seed    initialisation seed
     * @return encoder + projection head + NT-Xent, initialised
     */
    public static MultiLayerNetwork pretraining(SimClrSpec s, IUpdater updater, long seed) {
        NeuralNetConfiguration.ListBuilder b = base(updater, seed);
        encoder(s).forEach(b::layer);
        b.layer(new DenseLayer.Builder().nOut(s.hidden()).hasBias(false).activation(Activation.IDENTITY).l2(s.l2())
                .build());
        b.layer(BatchNorm.builder().build());
        b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        b.layer(new DenseLayer.Builder().nOut(s.projection()).activation(Activation.IDENTITY).l2(s.l2()).build());
        b.layer(NtXentLoss.builder().temperature(s.tau()).build());
        return init(b.setInputType(InputType.convolutional(32, 32, 3)).build());
    }

    /**
     * @param s       the architecture
     * @param updater the update rule
     * @param seed    initialisation seed
     * @return encoder + softmax over the 10 classes, initialised (randomly: copy a pretrained encoder in)
     */
    public static MultiLayerNetwork classifier(SimClrSpec s, IUpdater updater, long seed) {
        NeuralNetConfiguration.ListBuilder b = base(updater, seed);
        encoder(s).forEach(b::layer);
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .l2(s.l2()).build());
        return init(b.setInputType(InputType.convolutional(32, 32, 3)).build());
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Copies the encoder's parameters (BatchNorm's running statistics included) from one SimCLR network into another.
     *
     * @param s    the architecture of both
     * @param from e.g. the pretrained network
     * @param to   e.g. a classifier
     */
    public static void copyEncoder(SimClrSpec s, MultiLayerNetwork from, MultiLayerNetwork to) {
        for (int i = 0; i < encoderLayers(s); i++) {
            INDArray p = from.getLayer(i).params();
            if (p != null && p.length() > 0) {
                to.getLayer(i).params().assign(p);
            }
        }
    }

    /**
     * The encoder alone, for inference: its {@code output(x, false)} is the representation {@code h} and runs in
     * DL4J's inference workspaces (a forward pass through the whole network that keeps every activation, as
     * {@code feedForwardToLayer} does, leaves hundreds of MB of off-heap garbage per batch of 500 images).
     *
     * @param s   the architecture
     * @param net a SimCLR network (pretraining or classifier) whose encoder to take
     * @return a network of the encoder's layers with a copy of its parameters
     */
    public static MultiLayerNetwork encoderOf(SimClrSpec s, MultiLayerNetwork net) {
        NeuralNetConfiguration.ListBuilder b = base(new org.nd4j.linalg.learning.config.NoOp(), 0);
        encoder(s).forEach(b::layer);
        MultiLayerNetwork enc = init(b.setInputType(InputType.convolutional(32, 32, 3)).build());
        copyEncoder(s, net, enc);
        return enc;
    }
}
