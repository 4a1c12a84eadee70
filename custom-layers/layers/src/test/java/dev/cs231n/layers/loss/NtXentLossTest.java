package dev.cs231n.layers.loss;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.maxRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.norm.OneNativeThread;
import dev.cs231n.testing.Fixture;
import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link NtXentLoss} against PyTorch's golden values ({@code simclr_nt_xent.json}), the naive double-loop
 * definition ({@link NaiveNtXent}) and, for the fused path, its own SameDiff definition; round trips, FLOAT, and the
 * messages for minibatches it cannot score.
 */
@ExtendWith(OneNativeThread.class)
class NtXentLossTest {

    private static NtXentLoss loss(NtXentLoss.Path path, double tau) {
        return NtXentLoss.builder().temperature(tau).path(path).build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FUSED", "SAMEDIFF"})
    void matchesPyTorchGoldenValues(NtXentLoss.Path path) {
        Fixture f = Fixture.load("simclr_nt_xent");
        int n = (int) f.param("N");
        int d = (int) f.param("D");
        double tau = f.param("tau");
        INDArray left = f.input("out_left");
        INDArray right = f.input("out_right");
        assertEquals(n, left.size(0));
        assertEquals(d, left.size(1));
        INDArray x = Nd4j.concat(0, left, right);
        MultiLayerNetwork net = NtXentNets.lossOnly(loss(path, tau), d, DataType.DOUBLE);

        double expected = f.output("loss").getDouble(0);
        double score = NtXentNets.score(net, x);
        double lossError = Math.abs(score - expected) / Math.abs(expected);
        INDArray g = NtXentNets.meanLossGradient(net, x);
        INDArray expectedGrad = Nd4j.concat(0, f.grad("out_left"), f.grad("out_right"));
        double gradError = maxRelError(expectedGrad, g);
        System.out.printf("NT-Xent %s vs PyTorch: loss %.17g (PyTorch %.17g), rel. error loss %.3g, max rel. error "
                + "dx %.3g%n", path, score, expected, lossError, gradError);
        assertTrue(lossError < 1e-12, "loss " + score + " vs " + expected);
        assertClose("dL/d out_left", f.grad("out_left"), g.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)), 1e-10);
        assertClose("dL/d out (both views)", expectedGrad, g, 1e-10);
    }

    @ParameterizedTest(name = "pairs={0} D={1} tau={2}")
    @CsvSource({"2, 3, 0.5", "3, 5, 0.5", "4, 8, 0.1", "8, 16, 1.0", "16, 4, 0.07"})
    void vectorisedAgreesWithTheNaiveDoubleLoop(int pairs, int d, double tau) {
        INDArray x = NtXentNets.input(31L * pairs + d, 2 * pairs, d, DataType.DOUBLE);
        double naive = NaiveNtXent.loss(NtXentNets.toArray(x), tau);
        INDArray naiveGrad = Nd4j.create(NaiveNtXent.gradient(NtXentNets.toArray(x), tau));
        for (NtXentLoss.Path path : NtXentLoss.Path.values()) {
            MultiLayerNetwork net = NtXentNets.lossOnly(loss(path, tau), d, DataType.DOUBLE);
            double score = NtXentNets.score(net, x);
            assertEquals(naive, score, 1e-10 * Math.abs(naive), path + " loss");
            assertClose(path + " gradient", naiveGrad, NtXentNets.meanLossGradient(net, x), 1e-10);
        }
    }

    @ParameterizedTest(name = "pairs={0} tau={1}")
    @CsvSource({"2, 0.5", "5, 0.2", "32, 0.5", "7, 2.0"})
    void fusedPathEqualsTheSameDiffDefinition(int pairs, double tau) {
        int d = 6;
        INDArray x = NtXentNets.input(977L + pairs, 2 * pairs, d, DataType.DOUBLE);
        MultiLayerNetwork fused = NtXentNets.lossOnly(loss(NtXentLoss.Path.FUSED, tau), d, DataType.DOUBLE);
        MultiLayerNetwork ref = NtXentNets.lossOnly(loss(NtXentLoss.Path.SAMEDIFF, tau), d, DataType.DOUBLE);
        double a = NtXentNets.score(ref, x);
        assertEquals(a, NtXentNets.score(fused, x), 1e-12 * Math.abs(a), "score");
        assertClose("input gradient", NtXentNets.meanLossGradient(ref, x), NtXentNets.meanLossGradient(fused, x),
                1e-12);
        assertClose("per-anchor scores", ref.scoreExamples(new org.nd4j.linalg.dataset.DataSet(x, null), false),
                fused.scoreExamples(new org.nd4j.linalg.dataset.DataSet(x, null), false), 1e-12);
    }

    @Test
    void minibatchSizeMayChangeBetweenCalls() {
        MultiLayerNetwork net = NtXentNets.lossOnly(loss(NtXentLoss.Path.SAMEDIFF, 0.5), 4, DataType.DOUBLE);
        for (int pairs : new int[] {3, 2, 6}) {
            INDArray x = NtXentNets.input(pairs, 2 * pairs, 4, DataType.DOUBLE);
            assertEquals(NaiveNtXent.loss(NtXentNets.toArray(x), 0.5), NtXentNets.score(net, x), 1e-10);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FUSED", "SAMEDIFF"})
    void oddRowsAndASinglePairFailWithAClearMessage(NtXentLoss.Path path) {
        MultiLayerNetwork net = NtXentNets.lossOnly(loss(path, 0.5), 4, DataType.DOUBLE);
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> NtXentNets.score(net, NtXentNets.input(1, 7, 4, DataType.DOUBLE)));
        assertTrue(odd.getMessage().contains("odd number of rows, 7"), odd.getMessage());
        assertTrue(odd.getMessage().contains("view-1"), odd.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> NtXentNets.meanLossGradient(net, NtXentNets.input(1, 2, 4, DataType.DOUBLE)));
        assertTrue(one.getMessage().contains("no negatives"), one.getMessage());
    }

    @Test
    void builderAndInputTypeValidation() {
        assertThrows(IllegalArgumentException.class, () -> NtXentLoss.builder().temperature(0).build());
        assertThrows(IllegalArgumentException.class, () -> NtXentLoss.builder().temperature(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> NtXentLoss.builder().nIn(-1).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NtXentLoss.builder().build().setNIn(
                        org.deeplearning4j.nn.conf.inputs.InputType.convolutional(4, 4, 3), false));
        assertTrue(e.getMessage().contains("feed-forward"), e.getMessage());
        assertEquals(0.5, NtXentLoss.builder().build().getTemperature());
    }

    @Test
    void outputIsTheProjectionsUnchanged() {
        MultiLayerNetwork net = NtXentNets.lossOnly(loss(NtXentLoss.Path.FUSED, 0.5), 4, DataType.DOUBLE);
        INDArray x = NtXentNets.input(3, 5, 4, DataType.DOUBLE);
        assertEquals(x, net.output(x, false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FUSED", "SAMEDIFF"})
    void roundTripsKeepConfigurationParametersAndScore(NtXentLoss.Path path) {
        MultiLayerNetwork net = NtXentNets.withDense(NtXentLoss.builder().temperature(0.3).path(path).build(), 5, 4,
                new Adam(0.01), DataType.DOUBLE);
        INDArray x = NtXentNets.input(11, 8, 5, DataType.DOUBLE);
        for (int i = 0; i < 3; i++) {
            NtXentNets.fit(net, x);
        }
        MultiLayerConfiguration again = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), again);
        NtXentLoss restoredLoss = (NtXentLoss) again.getConf(1).getLayer();
        assertEquals(0.3, restoredLoss.getTemperature());
        assertEquals(path, restoredLoss.getPath());
        assertEquals(4, restoredLoss.getNIn());
        for (MultiLayerNetwork copy : new MultiLayerNetwork[] {RoundTrip.viaModelSerializer(net),
                RoundTrip.viaJson(net)}) {
            RoundTrip.assertSameOutput(net, copy, x);
            assertEquals(score(net, x), score(copy, x), 0.0);
        }
        MultiLayerNetwork restored = RoundTrip.viaModelSerializer(net);
        NtXentNets.fit(net, x);
        NtXentNets.fit(restored, x);
        assertEquals(net.params(), restored.params(), "one more step after restore (Adam state came back)");
    }

    private static double score(MultiLayerNetwork net, INDArray x) {
        net.setInput(x);
        net.setLabels(null);
        net.computeGradientAndScore();
        return net.score();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FUSED", "SAMEDIFF"})
    void trainsInFloat(NtXentLoss.Path path) {
        MultiLayerNetwork net = NtXentNets.withDense(loss(path, 0.5), 6, 4, new Adam(0.05), DataType.FLOAT);
        // two noisy views of 8 points: training must pull each pair together
        INDArray base = NtXentNets.input(5, 8, 6, DataType.FLOAT);
        INDArray x = Nd4j.concat(0, base.add(NtXentNets.input(6, 8, 6, DataType.FLOAT).muli(0.1)),
                base.add(NtXentNets.input(7, 8, 6, DataType.FLOAT).muli(0.1)));
        double first = score(net, x);
        for (int i = 0; i < 30; i++) {
            NtXentNets.fit(net, x);
        }
        double last = score(net, x);
        assertEquals(DataType.FLOAT, net.output(x).dataType());
        assertTrue(Double.isFinite(last) && last < first, "loss " + first + " -> " + last);
        assertNotEquals(first, last);
    }
}
