package dev.cs231n.pipelines.caption;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.datavec.coco.CocoImageLoader;
import dev.cs231n.layers.loss.NtXentLoss;
import dev.cs231n.pipelines.simclr.CleanImages;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The frozen image encoder of the captioning jobs: one feature vector per image, computed once per run (the jobs
 * cache them in {@code OUT/features.h5}).
 * <ul>
 * <li>{@link #pixels}: the image resized to {@code size x size}, scaled to 0..1, flattened ({@code 3 size^2}
 * features); no learned encoder, the default, so that a run needs nothing but the COCO folder.</li>
 * <li>{@link #fromRun}: a CNN from another job's {@code --out} folder ({@code model.zip} of {@code cnn} or
 * {@code simclr-pretrain}, a {@code MultiLayerNetwork} on CIFAR-sized {@code [N, 3, 32, 32]} images): the image
 * resized to 32 x 32 (0..255, then the CIFAR preprocessing stored in the model.zip, if any), the activations of one
 * layer, flattened: by default the layer before the output layer (a {@code cnn} model: its last pooling), or for a
 * {@code simclr-pretrain} model (its output layer an {@link NtXentLoss}) the encoder's representation, its last
 * global pooling layer, as {@code simclr-eval} uses it (with the course's normalisation of its views, which its
 * model.zip does not store).</li>
 * </ul>
 */
public interface ImageEncoder {

    /**
     * @param image a decoded image file
     * @return its feature vector
     * @throws IOException when the image does not decode
     */
    float[] encode(Path image) throws IOException;

    /** @return what this encoder is, for the log and metrics.json */
    String describe();

    /**
     * @param size the side of the resized image
     * @return the pixel encoder
     */
    static ImageEncoder pixels(int size) {
        CocoImageLoader loader = new CocoImageLoader(size, size, CocoImageLoader.Scaling.UNIT);
        return new ImageEncoder() {
            @Override
            public float[] encode(Path image) throws IOException {
                return loader.load(image).castTo(DataType.FLOAT).reshape(-1).toFloatVector();
            }

            @Override
            public String describe() {
                return "pixels " + size + "x" + size;
            }
        };
    }

    /**
     * @param runDir another job's {@code --out} folder holding {@code model.zip}
     * @param layer  the index of the layer whose activations are the features, or -1 for the layer before the
     *               output layer
     * @return the frozen CNN encoder
     * @throws IOException when there is no model.zip, it is not a MultiLayerNetwork, or the layer is out of range
     */
    static ImageEncoder fromRun(Path runDir, int layer) throws IOException {
        Path zip = runDir.resolve("model.zip");
        if (!Files.isRegularFile(zip)) {
            throw new NoSuchFileException(zip.toString(), null, "--encoder: no model.zip in " + runDir
                    + " (the --out folder of a cnn or simclr-pretrain run)");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (RuntimeException | IOException e) {
            throw new IOException(zip + ": not a MultiLayerNetwork model.zip (" + e.getMessage() + ")", e);
        }
        int n = net.getnLayers();
        int k = layer < 0 ? defaultLayer(net) : layer;
        if (k < 0 || k >= n) {
            throw new IllegalArgumentException("--encoder-layer: " + zip + " has layers 0.." + (n - 1) + ", got "
                    + layer);
        }
        // a cnn model.zip stores its CIFAR preprocessing; a simclr-pretrain one does not: its views are normalised
        // with the course's constants (what simclr-eval feeds it too)
        Optional<CifarPreprocessor> pre = isSimclr(net) ? Optional.of(CleanImages.normalisation())
                : ModelZipPreprocessors.load(new File(zip.toString()));
        CocoImageLoader loader = new CocoImageLoader(32, 32, CocoImageLoader.Scaling.RAW);
        DataType dtype = net.getLayerWiseConfigurations().getDataType();
        int layerIndex = k;
        return new ImageEncoder() {
            @Override
            public float[] encode(Path image) throws IOException {
                INDArray x = loader.load(image).castTo(dtype);
                if (pre.isPresent()) {
                    x = pre.get().transform(x);
                }
                List<INDArray> acts = net.feedForwardToLayer(layerIndex, x, false);
                return acts.get(layerIndex + 1).castTo(DataType.FLOAT).reshape(-1).toFloatVector();
            }

            @Override
            public String describe() {
                return "frozen " + zip + " layer " + layerIndex + " (" + net.getLayer(layerIndex).getClass()
                        .getSimpleName() + ")" + (pre.isPresent() ? " with its preprocessing" : "");
            }
        };
    }

    /**
     * @param net a CNN from a {@code cnn} or {@code simclr-pretrain} run
     * @return the layer before the output layer, or for a SimCLR pretraining network (output layer
     *         {@link NtXentLoss}) its last global pooling layer (the encoder's output, before the projection head)
     */
    static int defaultLayer(MultiLayerNetwork net) {
        int n = net.getnLayers();
        if (isSimclr(net)) {
            for (int i = n - 1; i >= 0; i--) {
                if (net.getLayerWiseConfigurations().getConf(i).getLayer() instanceof GlobalPoolingLayer) {
                    return i;
                }
            }
        }
        return n - 2;
    }

    private static boolean isSimclr(MultiLayerNetwork net) {
        return net.getLayerWiseConfigurations().getConf(net.getnLayers() - 1).getLayer() instanceof NtXentLoss;
    }
}
