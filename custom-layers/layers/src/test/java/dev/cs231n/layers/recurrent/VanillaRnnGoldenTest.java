package dev.cs231n.layers.recurrent;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.maxRelError;

import java.util.Map;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link VanillaRnnVertex} against the course's {@code rnn_step_forward/backward} ({@code rnn_step.json}: one step,
 * {@code prev_h} as h0) and {@code rnn_forward/backward} ({@code rnn_forward.json}): the hidden states and the
 * gradients of {@code sum(h * dout)} with respect to x, h0, Wx, Wh and b, in NCW and NWC.
 */
class VanillaRnnGoldenTest {

    static final double TOL = 1e-12;

    static void check(String name, String h0Key, String outKey, RNNFormat format) {
        Fixture f = Fixture.load(name);
        INDArray x = f.input("x");
        if (x.rank() == 2) { // one step: [N, D] -> [N, 1, D]
            x = x.reshape(x.size(0), 1, x.size(1));
        }
        INDArray dout = f.input("dout");
        if (dout.rank() == 2) {
            dout = dout.reshape(dout.size(0), 1, dout.size(1));
        }
        int d = (int) f.param("D");
        int h = (int) f.param("H");
        ComputationGraph g = RnnGraphs.bare(d, h, format, DataType.DOUBLE);
        Map<String, INDArray> p = RnnGraphs.rnnParams(g);
        p.get(VanillaRnnVertex.WX_KEY).assign(f.input("Wx"));
        p.get(VanillaRnnVertex.WH_KEY).assign(f.input("Wh"));
        p.get(VanillaRnnVertex.B_KEY).assign(f.input("b"));
        boolean ncw = format == RNNFormat.NCW;
        INDArray xIn = ncw ? Sequences.toNcw(x) : x;
        INDArray h0 = f.input(h0Key);

        INDArray out = g.outputSingle(xIn, h0);
        INDArray outNtc = ncw ? Sequences.toNtc(out) : out;
        INDArray expectedOut = f.output(outKey);
        assertClose(name + " " + outKey, expectedOut.reshape(outNtc.shape()), outNtc, TOL);

        Pair<Gradient, INDArray[]> grads = RnnGraphs.backprop(g, xIn, h0, ncw ? Sequences.toNcw(dout) : dout);
        INDArray dx = ncw ? Sequences.toNtc(grads.getSecond()[0]) : grads.getSecond()[0];
        assertClose(name + " dx", f.grad("x").reshape(dx.shape()), dx, TOL);
        assertClose(name + " d" + h0Key, f.grad(h0Key), grads.getSecond()[1], TOL);
        assertClose(name + " dWx", f.grad("Wx"), grads.getFirst().getGradientFor(VanillaRnnVertex.WX_KEY), TOL);
        assertClose(name + " dWh", f.grad("Wh"), grads.getFirst().getGradientFor(VanillaRnnVertex.WH_KEY), TOL);
        assertClose(name + " db", f.grad("b"), grads.getFirst().getGradientFor(VanillaRnnVertex.B_KEY), TOL);
        double worst = Math.max(maxRelError(expectedOut.reshape(outNtc.shape()), outNtc),
                Math.max(maxRelError(f.grad("x").reshape(dx.shape()), dx),
                        maxRelError(f.grad(h0Key), grads.getSecond()[1])));
        for (String k : new String[] {"Wx", "Wh", "b"}) {
            worst = Math.max(worst, maxRelError(f.grad(k), grads.getFirst().getGradientFor(k)));
        }
        System.out.println("fixture " + name + " " + format + ": max relative error " + worst);
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void oneStepMatchesRnnStep(RNNFormat format) {
        check("rnn_step", "prev_h", "next_h", format);
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void wholeSequenceMatchesRnnForward(RNNFormat format) {
        check("rnn_forward", "h0", "h", format);
    }
}
