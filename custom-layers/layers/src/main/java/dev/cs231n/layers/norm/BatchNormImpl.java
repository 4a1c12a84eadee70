package dev.cs231n.layers.norm;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

import dev.cs231n.layers.norm.fast.FastNorm;
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
 * The runtime side of {@link BatchNorm}. A training-mode forward pass runs the layer's SameDiff graph, which also
 * yields the batch statistics, and then updates the running-statistic parameter views in place:
 * {@code running = momentum * running + (1 - momentum) * batch}. Its backward pass is the graph's (exact, through
 * the batch statistics; zero for the running statistics). An inference-mode forward pass computes
 * {@code gamma * (x - mean) / sqrt(var + eps) + beta} from the running statistics with ND4J ops, and a backward
 * pass after it (e.g. input gradients of a model in evaluation mode) is that affine map's:
 * {@code dx = dout * gamma / sqrt(var + eps)}.
 *
 * <p>Unless {@link FastNorm#enabled()} is false, training-mode passes and inference-mode forward passes take the
 * fast path instead ({@link FastNormPasses}: the same values, computed without the graph); the graph stays the
 * reference the tests hold the fast path to.
 */
final class BatchNormImpl extends ExtendedSameDiffLayerImpl {

    private static final long serialVersionUID = 1L;

    /** Whether the last forward pass was in training mode: the backward pass must differentiate that one. */
    private boolean trainingForward = true;
    /** The fast path's state between a training-mode forward pass and its backward pass. */
    private final FastNormPasses fast = new FastNormPasses();

    BatchNormImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Set<String> nonTrainableParams() {
        return BatchNorm.RUNNING_KEYS;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        BatchNorm c = (BatchNorm) layerConf();
        trainingForward = training;
        fast.forget();
        if (FastNormPasses.applies(input)) {
            c.validateInput(input);
            INDArray x = input.castTo(dataType);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
            if (!training) {
                return FastNorm.batchNormInference(x, getParam(BatchNorm.GAMMA_KEY), getParam(BatchNorm.BETA_KEY),
                        getParam(BatchNorm.RUNNING_MEAN_KEY), getParam(BatchNorm.RUNNING_VAR_KEY), c.getEps(), out);
            }
            FastNorm.Stats st = fast.remember(input, FastNorm.batchNormForward(x, getParam(BatchNorm.GAMMA_KEY),
                    getParam(BatchNorm.BETA_KEY), c.getEps(), out));
            FastNorm.updateRunning(getParam(BatchNorm.RUNNING_MEAN_KEY), st.mean(), c.getMomentum());
            FastNorm.updateRunning(getParam(BatchNorm.RUNNING_VAR_KEY), st.var(), c.getMomentum());
            return out;
        }
        if (!training) {
            c.validateInput(input);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
            return RunningStatsAffine.output(input.castTo(dataType), getParam(BatchNorm.GAMMA_KEY),
                    getParam(BatchNorm.BETA_KEY), getParam(BatchNorm.RUNNING_MEAN_KEY),
                    getParam(BatchNorm.RUNNING_VAR_KEY), c.getEps(), out);
        }
        Map<String, INDArray> out = forward(Collections.emptyMap(), workspaceMgr, BatchNorm.BATCH_MEAN,
                BatchNorm.BATCH_VAR);
        updateRunning(getParam(BatchNorm.RUNNING_MEAN_KEY), out.get(BatchNorm.BATCH_MEAN), c.getMomentum());
        updateRunning(getParam(BatchNorm.RUNNING_VAR_KEY), out.get(BatchNorm.BATCH_VAR), c.getMomentum());
        return out.get(outputKey());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (trainingForward && FastNormPasses.applies(input) && FastNormPasses.applies(epsilon)) {
            assertInputSet(true);
            BatchNorm c = (BatchNorm) layerConf();
            c.validateInput(input);
            INDArray x = input.castTo(dataType);
            FastNorm.Stats st = fast.statsFor(input,
                    () -> FastNorm.batchNormForward(x, getParam(BatchNorm.GAMMA_KEY), getParam(BatchNorm.BETA_KEY),
                            c.getEps(), null));
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
            FastNorm.ParamGrads pg = FastNorm.batchNormBackward(x, epsilon, st, getParam(BatchNorm.GAMMA_KEY), dx);
            return new Pair<>(fast.gradient(paramTable.keySet(), gradTable, pg), dx);
        }
        if (trainingForward) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        BatchNorm c = (BatchNorm) layerConf();
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, epsilon.shape(), 'c');
        INDArray[] dGammaBeta = RunningStatsAffine.backward(input.castTo(dataType), epsilon.castTo(dataType),
                getParam(BatchNorm.GAMMA_KEY), getParam(BatchNorm.RUNNING_MEAN_KEY),
                getParam(BatchNorm.RUNNING_VAR_KEY), c.getEps(), dx);
        Gradient g = new DefaultGradient();
        for (String k : paramTable.keySet()) {
            INDArray view = gradTable.get(k);
            if (BatchNorm.GAMMA_KEY.equals(k)) {
                view.assign(dGammaBeta[0]);
            } else if (BatchNorm.BETA_KEY.equals(k)) {
                view.assign(dGammaBeta[1]);
            } else {
                view.assign(0.0);
            }
            g.setGradientFor(k, view);
        }
        return new Pair<>(g, dx);
    }

    /** {@code running = momentum * running + (1 - momentum) * batch}, in place. */
    private static void updateRunning(INDArray running, INDArray batch, double momentum) {
        running.muli(momentum).addi(batch.reshape(running.shape()).mul(1.0 - momentum));
    }
}
