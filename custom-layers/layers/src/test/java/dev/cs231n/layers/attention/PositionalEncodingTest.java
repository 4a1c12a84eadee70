package dev.cs231n.layers.attention;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.maxRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.testing.Fixture;
import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** PositionalEncoding against {@code positional_encoding.json}, its limits, dropout and round trips. */
class PositionalEncodingTest {

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void matchesCourse(RNNFormat format) {
        Fixture f = Fixture.load("positional_encoding");
        long e = (long) f.param("embed_dim");
        int maxLen = (int) f.param("max_len");
        assertClose("pe table", f.output("pe"), PositionalEncoding.table(maxLen, e), 1e-15);
        INDArray x = f.input("x");
        MultiLayerNetwork net = AttentionNets.single(PositionalEncoding.builder().maxLength(maxLen).dropout(0)
                .build(), e, x.size(1), format, DataType.DOUBLE);
        AttentionNets.Pass p = AttentionNets.pass(net.getLayer(0), AttentionNets.fromNte(x, format), null,
                AttentionNets.fromNte(f.input("dout"), format), false);
        INDArray out = AttentionNets.toNte(p.out(), format);
        assertClose("out", f.output("out"), out, 1e-15);
        assertEquals(f.grad("x"), AttentionNets.toNte(p.inputGrads()[0], format), "dx = dout exactly");
        System.out.println("[golden] positional_encoding " + format + " max relative error "
                + Math.max(maxRelError(f.output("out"), out), maxRelError(f.output("pe"),
                        PositionalEncoding.table(maxLen, e))));
    }

    @Test
    void anyLengthUpToTheMaximumThenAClearError() {
        MultiLayerNetwork net = AttentionNets.single(PositionalEncoding.builder().name("pe").maxLength(6).build(), 4,
                6, RNNFormat.NCW, DataType.FLOAT);
        for (int t : new int[] {1, 3, 6}) {
            INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 4, t);
            INDArray out = net.output(x);
            INDArray expected = Nd4j.zeros(DataType.FLOAT, 2, 4, t);
            expected.addi(PositionalEncoding.table(t, 4).transpose().reshape(1, 4, t).castTo(DataType.FLOAT));
            assertClose("zeros + pe", expected, out, 1e-6);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.zeros(DataType.FLOAT, 2, 4, 7)));
        assertTrue(e.getMessage().contains("'pe'") && e.getMessage().contains("T = 7")
                && e.getMessage().contains("maxLength = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.builder().nIn(5).build());
        assertTrue(e.getMessage().contains("even") && e.getMessage().contains("E = 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionNets.single(PositionalEncoding.builder()
                .maxLength(4).build(), 4, 9, RNNFormat.NCW, DataType.FLOAT));
        assertTrue(e.getMessage().contains("T = 9"), e.getMessage());
    }

    @Test
    void dropoutInTrainingOnlyAndReproducible() {
        MultiLayerNetwork net = AttentionNets.single(PositionalEncoding.builder().dropout(0.5).build(), 8, 10,
                RNNFormat.NWC, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 10, 8);
        INDArray test = net.output(x, false);
        INDArray train = net.output(x, true);
        assertNotEquals(test, train);
        assertEquals(train, net.output(x, true), "same seed, layer and iteration: same mask");
        long zeros = train.eq(0.0).castTo(DataType.INT32).sumNumber().longValue();
        assertTrue(zeros > 60 && zeros < 180, "about half of 240 dropped: " + zeros);
        INDArray kept = train.neq(0.0).castTo(DataType.DOUBLE);
        assertClose("kept entries scaled by 2", test.mul(2).mul(kept), train, 1e-12);
    }

    @Test
    void roundTrips() {
        MultiLayerNetwork net = AttentionNets.withOutput(PositionalEncoding.builder().maxLength(50).build(), 8, 5, 3,
                RNNFormat.NCW, new Adam(1e-2), DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 8, 5);
        net.fit(x, AttentionNets.fromNte(AttentionGradientCheckTest.labels(2, 5), RNNFormat.NCW));
        RoundTrip.assertSameOutput(net, RoundTrip.viaModelSerializer(net), x);
        MultiLayerNetwork json = RoundTrip.viaJson(net);
        RoundTrip.assertSameOutput(net, json, x);
        assertEquals(net.getLayerWiseConfigurations().getConf(0).getLayer(),
                json.getLayerWiseConfigurations().getConf(0).getLayer());
    }
}
