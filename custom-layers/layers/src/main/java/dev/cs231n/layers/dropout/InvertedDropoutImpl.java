package dev.cs231n.layers.dropout;

import java.util.Map;

import dev.cs231n.layers.samediff.ExtendedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link InvertedDropout}: in training mode the graph {@code x * mask} runs with the mask of
 * this (seed, layer, iteration, epoch) fed as a placeholder, and the backward pass rebuilds the same mask; in
 * inference mode the input passes through unchanged, and so does the gradient.
 */
final class InvertedDropoutImpl extends ExtendedSameDiffLayerImpl {

    private static final long serialVersionUID = 1L;

    private transient DropoutMasks masks;
    private boolean trainingForward = true;

    InvertedDropoutImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        trainingForward = training;
        if (!training) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
        }
        return forward(Map.of(InvertedDropout.MASK_PLACEHOLDER, currentMask()), workspaceMgr).get(outputKey());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!trainingForward) {
            return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon));
        }
        return backward(epsilon, Map.of(InvertedDropout.MASK_PLACEHOLDER, currentMask()), workspaceMgr);
    }

    /** @return the mask of the current (seed, layer index, iteration, epoch) for the current input's shape */
    INDArray currentMask() {
        InvertedDropout c = (InvertedDropout) layerConf();
        long seed = DropoutMasks.seed(conf().getSeed(), getIndex(), getIterationCount(), getEpochCount());
        if (masks == null) {
            masks = new DropoutMasks();
        }
        return masks.mask(input.shape(), dataType, c.getKeepProbability(), seed);
    }
}
