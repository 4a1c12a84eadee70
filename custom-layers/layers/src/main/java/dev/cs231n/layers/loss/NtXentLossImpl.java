package dev.cs231n.layers.loss;

import dev.cs231n.layers.samediff.CorrectedSameDiffOutputLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link NtXentLoss}: checks the minibatch, then computes the loss either with the fused
 * {@link NtXentMath} ({@link NtXentLoss.Path#FUSED}) or with the layer's SameDiff definition
 * ({@link NtXentLoss.Path#SAMEDIFF}). Its activation is its input.
 */
public class NtXentLossImpl extends CorrectedSameDiffOutputLayerImpl {

    private static final long serialVersionUID = 1L;

    /**
     * The fused backward pass computes the loss too: the network asks for the score right after it, on the same
     * input, and gets this value instead of a second forward pass. A new input clears it.
     */
    private transient INDArray scoredInput;
    private transient double scoredSum;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public NtXentLossImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        scoredInput = null;
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void clear() {
        scoredInput = null;
        super.clear();
    }

    private NtXentLoss loss() {
        return (NtXentLoss) layerConf();
    }

    private boolean fused() {
        return loss().getPath() == NtXentLoss.Path.FUSED;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        NtXentLoss.checkRows(input.size(0), loss().getLayerName());
        if (!fused()) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double sum = scoredInput == input ? scoredSum
                : NtXentMath.perAnchorLoss(input, loss().getTemperature()).sumNumber().doubleValue();
        return (sum + fullNetRegTerm) / input.size(0);
    }

    /**
     * @return the loss of each anchor {@code l_i} ({@code [2N, 1]}) plus the regularisation term
     */
    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        NtXentLoss.checkRows(input.size(0), loss().getLayerName());
        INDArray perRow = NtXentMath.perAnchorLoss(input, loss().getTemperature());
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, perRow.addi(fullNetRegTerm));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        NtXentLoss.checkRows(input.size(0), loss().getLayerName());
        if (!fused()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        NtXentMath.SumAndGradient r = NtXentMath.sumAndGradient(input, loss().getTemperature());
        scoredInput = input;
        scoredSum = r.sum();
        return new Pair<>(new DefaultGradient(), workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, r.gradient()));
    }
}
