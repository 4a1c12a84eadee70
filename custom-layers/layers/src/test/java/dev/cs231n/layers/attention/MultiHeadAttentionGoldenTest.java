package dev.cs231n.layers.attention;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.assertCloseAbs;
import static dev.cs231n.testing.NdAssert.maxRelError;

import java.util.Map;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Golden values: the self-attention layer and the cross-attention vertex against the course's MultiHeadAttention in
 * PyTorch float64 ({@code mha_self_causal.json}, {@code mha_cross.json}, {@code mha_qkv_causal.json}): the output
 * and every gradient, in both sequence layouts. Shapes, heads and the mask come from the files; {@code grads.bk} is
 * zero in exact arithmetic and is compared absolutely.
 */
class MultiHeadAttentionGoldenTest {

    /** Largest relative error accepted against the float64 fixtures. */
    static final double TOL = 1e-9;
    /** Largest absolute value accepted for a gradient that is zero in exact arithmetic. */
    static final double ZERO_TOL = 1e-12;

    private static final String[] PARAMS = {"Wq", "bq", "Wk", "bk", "Wv", "bv", "Wp", "bp"};

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void selfAttentionCausalMatchesCourse(RNNFormat format) {
        Fixture f = Fixture.load("mha_self_causal");
        INDArray x = f.input("x");
        checkCausalMask(f);
        long e = (long) f.param("embed_dim");
        MultiLayerNetwork net = AttentionNets.single(MultiHeadSelfAttention.builder()
                .numHeads((int) f.param("num_heads")).causal(true).dropout(f.param("dropout")).build(),
                e, x.size(1), format, DataType.DOUBLE);
        Layer layer = net.getLayer(0);
        for (String p : PARAMS) {
            layer.setParam(p, f.input(p));
        }
        AttentionNets.Pass pass = AttentionNets.pass(layer, AttentionNets.fromNte(x, format), null,
                AttentionNets.fromNte(f.input("dout"), format), false);
        double err = maxRelError(f.output("out"), AttentionNets.toNte(pass.out(), format));
        assertClose("out", f.output("out"), AttentionNets.toNte(pass.out(), format), TOL);
        assertClose("dx", f.grad("x"), AttentionNets.toNte(pass.inputGrads()[0], format), TOL);
        err = Math.max(err, maxRelError(f.grad("x"), AttentionNets.toNte(pass.inputGrads()[0], format)));
        err = Math.max(err, compareParams(f, pass.paramGrads()));
        report(f, format, err);
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void crossAttentionMatchesCourse(RNNFormat format) {
        Fixture f = Fixture.load("mha_cross");
        INDArray q = f.input("query");
        INDArray k = f.input("key");
        INDArray v = f.input("value");
        long e = (long) f.param("embed_dim");
        // keys and values differ in this fixture: the three-input form
        ComputationGraph g = AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(e)
                .numHeads((int) f.param("num_heads")).dropout(f.param("dropout")).separateValues(true)
                .dataFormat(format).build(), e, q.size(1), k.size(1), 3, format, new NoOp(), DataType.DOUBLE);
        double err = runVertex(f, g.getVertex("att"), format, q, k, v);
        report(f, format, err);
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void distinctQueryKeyValueCausalMatchesCourse(RNNFormat format) {
        Fixture f = Fixture.load("mha_qkv_causal");
        checkCausalMask(f);
        INDArray q = f.input("query");
        long e = (long) f.param("embed_dim");
        ComputationGraph g = AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(e)
                .numHeads((int) f.param("num_heads")).dropout(f.param("dropout")).separateValues(true).causal(true)
                .dataFormat(format).build(), e, q.size(1), q.size(1), 3, format, new NoOp(), DataType.DOUBLE);
        double err = runVertex(f, g.getVertex("att"), format, q, f.input("key"), f.input("value"));
        report(f, format, err);
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void sharedMemoryFormMatchesCourseWhereKeyEqualsValue(RNNFormat format) {
        // the two-input form (keys = values = memory) against mha_self_causal, with query = memory = x
        Fixture f = Fixture.load("mha_self_causal");
        INDArray x = f.input("x");
        long e = (long) f.param("embed_dim");
        ComputationGraph g = AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(e)
                .numHeads((int) f.param("num_heads")).dropout(0).causal(true).dataFormat(format).build(),
                e, x.size(1), x.size(1), 3, format, new NoOp(), DataType.DOUBLE);
        GraphVertex v = g.getVertex("att");
        for (String p : PARAMS) {
            v.paramTable(false).get(p).assign(f.input(p));
        }
        AttentionNets.Pass pass = AttentionNets.pass(v, new INDArray[] {AttentionNets.fromNte(x, format),
                AttentionNets.fromNte(x, format)}, null, AttentionNets.fromNte(f.input("dout"), format), false);
        assertClose("out", f.output("out"), AttentionNets.toNte(pass.out(), format), TOL);
        INDArray dx = AttentionNets.toNte(pass.inputGrads()[0], format)
                .add(AttentionNets.toNte(pass.inputGrads()[1], format));
        assertClose("dquery + dmemory = dx", f.grad("x"), dx, TOL);
        compareParams(f, pass.paramGrads());
    }

    private static double runVertex(Fixture f, GraphVertex v, RNNFormat format, INDArray q, INDArray k, INDArray val) {
        for (String p : PARAMS) {
            v.paramTable(false).get(p).assign(f.input(p));
        }
        AttentionNets.Pass pass = AttentionNets.pass(v, new INDArray[] {AttentionNets.fromNte(q, format),
                AttentionNets.fromNte(k, format), AttentionNets.fromNte(val, format)}, null,
                AttentionNets.fromNte(f.input("dout"), format), false);
        INDArray out = AttentionNets.toNte(pass.out(), format);
        assertClose("out", f.output("out"), out, TOL);
        double err = maxRelError(f.output("out"), out);
        String[] names = {"query", "key", "value"};
        for (int i = 0; i < 3; i++) {
            INDArray d = AttentionNets.toNte(pass.inputGrads()[i], format);
            assertClose("d" + names[i], f.grad(names[i]), d, TOL);
            err = Math.max(err, maxRelError(f.grad(names[i]), d));
        }
        return Math.max(err, compareParams(f, pass.paramGrads()));
    }

    /** Compares every parameter gradient; bk absolutely. @return the max relative error of the others */
    static double compareParams(Fixture f, Map<String, INDArray> grads) {
        double err = 0;
        for (String p : PARAMS) {
            INDArray actual = grads.get(p).reshape(f.grad(p).shape());
            if ("bk".equals(p)) {
                assertCloseAbs("d" + p + " (zero in exact arithmetic)", f.grad(p), actual, ZERO_TOL);
            } else {
                assertClose("d" + p, f.grad(p), actual, TOL);
                err = Math.max(err, maxRelError(f.grad(p), actual));
            }
        }
        return err;
    }

    private static void checkCausalMask(Fixture f) {
        INDArray m = f.input("attn_mask");
        for (int i = 0; i < m.size(0); i++) {
            for (int j = 0; j < m.size(1); j++) {
                if (m.getLong(i, j) != (j <= i ? 1 : 0)) {
                    throw new AssertionError(f.name() + ": attn_mask is not the causal (tril) mask");
                }
            }
        }
    }

    static void report(Fixture f, RNNFormat format, double err) {
        System.out.println("[golden] " + f.name() + " " + format + " max relative error " + err);
    }
}
