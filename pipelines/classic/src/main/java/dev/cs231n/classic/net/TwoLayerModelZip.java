package dev.cs231n.classic.net;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.pipelines.io.AtomicFiles;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A {@link TwoLayerNet} as a DL4J {@code model.zip} ({@link ModelSerializer}), so that any DL4J program can load
 * and run it, with the preprocessing it was trained with. The file is the equivalent
 * {@link MultiLayerNetwork}:
 *
 * <pre>{@code
 * layer 0  DenseLayer  D -> H, ReLU          params 0_W = W1 [D, H], 0_b = b1 as [1, H]
 * layer 1  OutputLayer H -> C, softmax, MCXENT  params 1_W = W2 [H, C], 1_b = b2 as [1, C]
 * l2 = reg on the weights (DL4J's 0.5 * l2 * sum W^2, the course's regularisation; biases not regularised)
 * entry "cs231n-cifar10-preprocessing" (optional)  the fitted preprocessor (e.g. the mean image), as written by
 *                                                  ModelZipPreprocessors
 * }</pre>
 *
 * <p>{@code restoreMultiLayerNetwork(file).output(x)} gives {@code softmax(scores)} of the net, and its
 * {@code score} on a labelled batch equals the net's loss. Written atomically (temporary file, then rename).
 */
public final class TwoLayerModelZip {

    /**
     * A net read back from a model.zip.
     *
     * @param net          the two-layer net (its parameters in the file's data type)
     * @param preprocessor the preprocessing stored with it, if any
     */
    public record Loaded(TwoLayerNet net, Optional<CifarPreprocessor> preprocessor) {
    }

    private TwoLayerModelZip() {
    }

    /**
     * @param net the net
     * @return the equivalent DL4J network, holding copies of the net's parameters
     */
    public static MultiLayerNetwork toMultiLayerNetwork(TwoLayerNet net) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(net.dataType()).l2(net.reg())
                .updater(new NoOp()).list()
                .layer(new DenseLayer.Builder().nIn(net.inputDim()).nOut(net.hiddenDim()).activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(net.hiddenDim())
                        .nOut(net.numClasses()).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork m = new MultiLayerNetwork(conf);
        m.init();
        m.setParam("0_W", net.params().get(TwoLayerNet.W1));
        m.setParam("0_b", net.params().get(TwoLayerNet.B1).reshape(1, net.hiddenDim()));
        m.setParam("1_W", net.params().get(TwoLayerNet.W2));
        m.setParam("1_b", net.params().get(TwoLayerNet.B2).reshape(1, net.numClasses()));
        return m;
    }

    /**
     * Writes the net (and its preprocessing) atomically.
     *
     * @param file         the model.zip to create or replace
     * @param net          the net
     * @param preprocessor the preprocessing the net's inputs went through, or null
     * @throws IOException when it cannot be written; the previous file is then left as it was
     */
    public static void write(Path file, TwoLayerNet net, CifarPreprocessor preprocessor) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            ModelSerializer.writeModel(toMultiLayerNetwork(net), tmp.toFile(), false);
            if (preprocessor != null) {
                ModelZipPreprocessors.save(tmp.toFile(), preprocessor);
            }
            AtomicFiles.move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param file a model.zip written by {@link #write}
     * @return the net and its preprocessing
     * @throws IOException when the file is missing or unreadable, or holds another architecture (the message names
     *                     the file and what differs)
     */
    public static Loaded read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model.zip not found");
        }
        File f = file.toFile();
        MultiLayerNetwork m;
        try {
            m = ModelSerializer.restoreMultiLayerNetwork(f, false);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable DL4J model.zip: " + e.getMessage(), e);
        }
        MultiLayerConfiguration conf = m.getLayerWiseConfigurations();
        if (conf.getConfs().size() != 2 || !(conf.getConf(0).getLayer() instanceof DenseLayer dense)
                || !(dense.getActivationFn() instanceof ActivationReLU)
                || !(conf.getConf(1).getLayer() instanceof OutputLayer output)
                || !(output.getActivationFn() instanceof ActivationSoftmax)
                || !(output.getLossFn() instanceof LossMCXENT)) {
            throw new IOException(file + ": not a two-layer net (expected DenseLayer ReLU + OutputLayer softmax "
                    + "MCXENT), found " + describe(conf));
        }
        long h = dense.getNOut();
        long c = output.getNOut();
        TwoLayerNet net = new TwoLayerNet(m.getParam("0_W").dup(), m.getParam("0_b").dup().reshape(h),
                m.getParam("1_W").dup(), m.getParam("1_b").dup().reshape(c), l2(dense));
        return new Loaded(net, ModelZipPreprocessors.load(f));
    }

    private static double l2(BaseLayer layer) {
        List<Regularization> regs = layer.getRegularization();
        if (regs != null) {
            for (Regularization r : regs) {
                if (r instanceof L2Regularization l2) {
                    return l2.getL2().valueAt(0, 0);
                }
            }
        }
        return 0.0;
    }

    private static String describe(MultiLayerConfiguration conf) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            sb.append(i == 0 ? "" : ", ").append(l.getClass().getSimpleName());
        }
        return sb.length() == 0 ? "no layers" : sb.toString();
    }
}
