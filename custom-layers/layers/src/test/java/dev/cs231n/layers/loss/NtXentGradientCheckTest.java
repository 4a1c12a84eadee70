package dev.cs231n.layers.loss;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.cs231n.layers.norm.OneNativeThread;
import dev.cs231n.testing.GradCheck;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * GradientCheckUtil (DOUBLE, centred differences) through {@code dense(5 -> 4, tanh) -> NtXentLoss} for 2, 4 and 8
 * pairs, both runtime paths, temperatures 0.5 and 0.2, at initialisation and after 5 Adam steps; and for DL4J's own,
 * uncorrected {@code SameDiffOutputLayer} runtime on the same definition, which shows that M2.1's doubling of
 * SameDiff gradients does not reach the output-layer path (no external-errors placeholder there; the probe
 * {@code GradientScale.outputLayerFactor()} is 1.0).
 */
@Tag("gradcheck")
@ExtendWith(OneNativeThread.class)
class NtXentGradientCheckTest {

    @BeforeAll
    static void doublePrecision() {
        GradCheck.useDouble();
    }

    /**
     * NtXentLoss on DL4J's plain SameDiffOutputLayer runtime: the SameDiff definition, no correction at all. That
     * runtime always feeds a labels placeholder in its backward pass, so this variant declares labels (and ignores
     * them).
     */
    static final class UncorrectedNtXent extends NtXentLoss {
        private static final long serialVersionUID = 1L;

        UncorrectedNtXent() {
            setTemperature(0.5);
            setPath(Path.SAMEDIFF);
        }

        @Override
        public boolean labelsRequired() {
            return true;
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                INDArray view, boolean init, DataType dtype) {
            org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer ret =
                    new org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer(conf, dtype);
            ret.setIndex(index);
            ret.setParamsViewArray(view);
            ret.setParamTable(initializer().init(conf, view, init));
            ret.setConf(conf);
            return ret;
        }
    }

    static List<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (int pairs : new int[] {2, 4, 8}) {
            for (NtXentLoss.Path path : NtXentLoss.Path.values()) {
                for (double tau : new double[] {0.5, 0.2}) {
                    for (boolean trained : new boolean[] {false, true}) {
                        args.add(Arguments.of(pairs, path, tau, trained));
                    }
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "pairs={0} {1} tau={2} trained={3}")
    @MethodSource("matrix")
    void denseThenNtXent(int pairs, NtXentLoss.Path path, double tau, boolean trained) {
        INDArray x = NtXentNets.input(100 + pairs, 2 * pairs, 5, DataType.DOUBLE);
        NtXentLoss loss = NtXentLoss.builder().temperature(tau).path(path).build();
        MultiLayerNetwork net = NtXentNets.withDense(loss, 5, 4, new NoOp(), DataType.DOUBLE);
        if (trained) {
            MultiLayerNetwork t = NtXentNets.withDense((NtXentLoss) loss.clone(), 5, 4, new Adam(0.05), DataType.DOUBLE);
            for (int i = 0; i < 5; i++) {
                NtXentNets.fit(t, x);
            }
            net.setParams(t.params());
        }
        GradCheck.assertPasses(GradCheck.mln(net, x, NtXentNets.unusedLabels(x)), "NtXent pairs=" + pairs + " " + path + " tau=" + tau
                + (trained ? " after training" : " at init"));
    }

    @Test
    void uncorrectedSameDiffOutputLayerIsExactOnThisRelease() {
        for (int pairs : new int[] {2, 4, 8}) {
            INDArray x = NtXentNets.input(200 + pairs, 2 * pairs, 5, DataType.DOUBLE);
            MultiLayerNetwork net = NtXentNets.withDense(new UncorrectedNtXent(), 5, 4, new NoOp(),
                    DataType.DOUBLE);
            GradCheck.assertPasses(GradCheck.mln(net, x, NtXentNets.unusedLabels(x)),
                    "DL4J's own SameDiffOutputLayer runtime, pairs=" + pairs);
        }
    }

    /** Two views as two graph inputs, merged view-1 first, as a SimCLR graph feeds the loss. */
    @Test
    void computationGraphWithTwoViewInputs() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder()
                .addInputs("views")
                .setInputTypes(InputType.feedForward(5))
                .addLayer("proj", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "views")
                .addLayer("loss", NtXentLoss.builder().build(), "proj")
                .setOutputs("loss").build());
        g.init();
        INDArray x = NtXentNets.input(300, 8, 5, DataType.DOUBLE);
        GradCheck.assertPasses(GradCheck.graph(g, new INDArray[] {x}, new INDArray[] {null}), "graph");
    }
}
