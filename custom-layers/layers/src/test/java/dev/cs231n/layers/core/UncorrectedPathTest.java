package dev.cs231n.layers.core;

import static dev.cs231n.testing.NdAssert.assertClose;

import java.util.Collection;
import java.util.Map;

import dev.cs231n.layers.samediff.GradientScale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Shows what the correction corrects: the same dense layer on DL4J's own, uncorrected SameDiff path returns
 * exactly {@code 1 / GradientScale.factor()} times the built-in DenseLayer's gradients (2x on M2.1).
 */
class UncorrectedPathTest {

    /** SameDiffDense instantiated with DL4J's plain SameDiff layer implementation. */
    static final class UncorrectedDense extends SameDiffDense {
        private static final long serialVersionUID = 1L;

        UncorrectedDense() {
            setNIn(4);
            setNOut(3);
            setActivation(Activation.TANH);
            setWeightInit(WeightInit.XAVIER);
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                INDArray view, boolean init, DataType dtype) {
            org.deeplearning4j.nn.layers.samediff.SameDiffLayer ret =
                    new org.deeplearning4j.nn.layers.samediff.SameDiffLayer(conf, dtype);
            ret.setIndex(index);
            ret.setParamsViewArray(view);
            ret.setParamTable(initializer().init(conf, view, init));
            ret.setConf(conf);
            return ret;
        }
    }

    @Test
    void uncorrectedGradientsAreTheBuiltInsTimesTheProbedFactor() {
        Nd4j.getRandom().setSeed(5);
        MultiLayerNetwork ref = Nets.withSoftmaxOutput(
                new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build(), 3, new Sgd(0.1),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        MultiLayerNetwork raw = Nets.withSoftmaxOutput(new UncorrectedDense(), 3, new Sgd(0.1),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        // The uncorrected layer's setParam is DL4J's no-op: copy into the parameter views instead.
        for (int i = 0; i < 2; i++) {
            Map<String, INDArray> views = raw.getLayer(i).paramTable();
            ref.getLayer(i).paramTable().forEach((k, v) -> views.get(k).assign(v));
        }
        INDArray x = SameDiffDenseTest.features(5, DataType.DOUBLE);
        INDArray y = SameDiffDenseTest.labels(5, DataType.DOUBLE);
        Pair<Gradient, INDArray> gRef = ref.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> gRaw = raw.calculateGradients(x, y, null, null);
        double doubling = 1.0 / GradientScale.factor();
        assertClose("uncorrected input gradient", gRef.getSecond().mul(doubling), gRaw.getSecond(), 1e-12);
        assertClose("uncorrected W gradient", gRef.getFirst().getGradientFor("0_W").mul(doubling),
                gRaw.getFirst().getGradientFor("0_W"), 1e-12);
        // The output layer is not a SameDiff layer: its gradients are right either way.
        assertClose("output layer W gradient", gRef.getFirst().getGradientFor("1_W"),
                gRaw.getFirst().getGradientFor("1_W"), 1e-12);
    }
}
