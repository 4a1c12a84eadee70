package dev.cs231n.layers.sequence;

import java.util.Map;

import dev.cs231n.layers.dropout.DropoutMasks;
import dev.cs231n.layers.samediff.ExtendedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of a one-input sequence layer whose configuration is a {@link PassPlaceholders}: every pass feeds the
 * configuration's extra placeholders; a training pass and its backward pass draw their dropout masks from the same
 * seed (network seed, layer index, iteration and epoch), so that the backward pass is the forward pass's and
 * repeated passes without an update (GradientCheckUtil) agree. Input placeholders fix no sequence dimension.
 */
public class SequenceLayerImpl extends ExtendedSameDiffLayerImpl {

    private static final long serialVersionUID = 1L;

    private transient DropoutMasks masks;
    private boolean trainingForward = true;

    /**
     * @param conf     the layer's configuration (its layer must implement {@link PassPlaceholders})
     * @param dataType the network's data type
     */
    public SequenceLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        trainingForward = training;
        return forward(placeholders(training), workspaceMgr).get(outputKey());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        return backward(epsilon, placeholders(trainingForward), workspaceMgr);
    }

    private Map<String, INDArray> placeholders(boolean training) {
        ((org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer) layerConf()).validateInput(input);
        if (masks == null) {
            masks = new DropoutMasks();
        }
        long seed = DropoutMasks.seed(conf().getSeed(), getIndex(), getIterationCount(), getEpochCount());
        return ((PassPlaceholders) layerConf()).placeholderValues(new INDArray[] {input},
                new INDArray[] {maskArray}, training, seed, masks, dataType);
    }
}
