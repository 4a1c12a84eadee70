package dev.cs231n.layers.norm;

import dev.cs231n.layers.norm.fast.FastNorm;
import dev.cs231n.layers.samediff.ExtendedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link LayerNorm} (on {@code [N, D]}) and {@link GroupNorm} (on NCHW): the layer's SameDiff
 * graph, or, unless {@link FastNorm#enabled()} is false, the fast path with the same values (statistics per example
 * and group, the closed-form backward pass). Inputs the fast path does not take (other ranks, data types) run the
 * graph.
 */
final class RowNormImpl extends ExtendedSameDiffLayerImpl {

    private static final long serialVersionUID = 1L;

    private final FastNormPasses fast = new FastNormPasses();

    RowNormImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** @return {@code G} for group norm of NCHW, 1 for layer norm of {@code [N, D]}; 0 where the graph must run */
    private int groups(INDArray x) {
        if (layerConf() instanceof GroupNorm g) {
            return x.rank() == 4 ? g.getGroups() : 0;
        }
        return x.rank() == 2 ? 1 : 0;
    }

    private boolean fastPath(INDArray a) {
        return FastNormPasses.applies(a) && groups(input) > 0;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        fast.forget();
        if (!fastPath(input)) {
            return super.activate(training, workspaceMgr);
        }
        NormalizationLayer c = (NormalizationLayer) layerConf();
        c.validateInput(input);
        INDArray x = input.castTo(dataType);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        fast.remember(input, FastNorm.rowNormForward(x, groups(x), getParam(NormalizationLayer.GAMMA_KEY),
                getParam(NormalizationLayer.BETA_KEY), c.getEps(), out));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!fastPath(input) || !FastNormPasses.applies(epsilon)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        NormalizationLayer c = (NormalizationLayer) layerConf();
        c.validateInput(input);
        INDArray x = input.castTo(dataType);
        INDArray gamma = getParam(NormalizationLayer.GAMMA_KEY);
        FastNorm.Stats st = fast.statsFor(input, () -> {
            INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c');
            return FastNorm.rowNormForward(x, groups(x), gamma, getParam(NormalizationLayer.BETA_KEY), c.getEps(),
                    scratch);
        });
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        FastNorm.ParamGrads pg = FastNorm.rowNormBackward(x, groups(x), epsilon, st, gamma, dx);
        return new Pair<>(fast.gradient(paramTable.keySet(), gradTable, pg), dx);
    }
}
