package dev.cs231n.layers.transformer;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.assertCloseAbs;
import static dev.cs231n.testing.NdAssert.maxRelError;

import java.util.Locale;

import dev.cs231n.layers.attention.AttentionNets;
import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Golden values: the decoder layer against the course's TransformerDecoderLayer in PyTorch float64
 * ({@code transformer_decoder_layer.json} with ReLU, {@code transformer_decoder_layer_gelu.json} with exact GELU):
 * output, dtgt, dmemory and every parameter gradient, in both layouts. Sizes, heads, activation and eps come from
 * the files; the key-bias gradients (zero in exact arithmetic) are compared absolutely.
 */
class TransformerDecoderLayerGoldenTest {

    static final double TOL = 1e-9;
    static final double ZERO_TOL = 1e-12;

    @ParameterizedTest
    @CsvSource({"transformer_decoder_layer, NCW", "transformer_decoder_layer, NWC",
        "transformer_decoder_layer_gelu, NCW", "transformer_decoder_layer_gelu, NWC"})
    void matchesCourse(String name, RNNFormat format) {
        Fixture f = Fixture.load(name);
        checkCausal(f);
        long e = (long) f.param("embed_dim");
        INDArray tgt = f.input("tgt");
        INDArray memory = f.input("memory");
        TransformerDecoderLayer conf = TransformerDecoderLayer.builder().nIn(e).numHeads((int) f.param("num_heads"))
                .dimFeedforward((long) f.param("dim_feedforward")).dropout(f.param("dropout"))
                .eps(f.param("eps")).dataFormat(format)
                .activation(FeedForwardActivation.valueOf(f.paramString("ffn_activation").toUpperCase(Locale.ROOT)))
                .build();
        ComputationGraph g = AttentionNets.crossGraph(conf, e, tgt.size(1), memory.size(1), 2, format, new NoOp(),
                DataType.DOUBLE);
        GraphVertex v = g.getVertex("att");
        for (String k : f.keys("grads")) {
            if (!k.equals("tgt") && !k.equals("memory")) {
                v.paramTable(false).get(key(k)).assign(f.input(k));
            }
        }
        AttentionNets.Pass p = AttentionNets.pass(v, new INDArray[] {AttentionNets.fromNte(tgt, format),
                AttentionNets.fromNte(memory, format)}, null, AttentionNets.fromNte(f.input("dout"), format), false);
        INDArray out = AttentionNets.toNte(p.out(), format);
        assertClose("out", f.output("out"), out, TOL);
        double err = maxRelError(f.output("out"), out);
        String[] inputs = {"tgt", "memory"};
        for (int i = 0; i < 2; i++) {
            INDArray d = AttentionNets.toNte(p.inputGrads()[i], format);
            assertClose("d" + inputs[i], f.grad(inputs[i]), d, TOL);
            err = Math.max(err, maxRelError(f.grad(inputs[i]), d));
        }
        int checked = 0;
        for (String k : f.keys("grads")) {
            if (k.equals("tgt") || k.equals("memory")) {
                continue;
            }
            INDArray actual = p.paramGrads().get(key(k)).reshape(f.grad(k).shape());
            if (k.endsWith("_bk")) {
                assertCloseAbs("d" + k + " (zero in exact arithmetic)", f.grad(k), actual, ZERO_TOL);
            } else {
                assertClose("d" + k, f.grad(k), actual, TOL);
                err = Math.max(err, maxRelError(f.grad(k), actual));
            }
            checked++;
        }
        if (checked != v.paramTable(false).size()) {
            throw new AssertionError("fixture has " + checked + " parameter gradients, the vertex "
                    + v.paramTable(false).size() + " parameters");
        }
        System.out.println("[golden] " + name + " " + format + " max relative error " + err);
    }

    /** @return the vertex's key of a fixture parameter: the course's name without its underscore (sa_Wq: saWq) */
    static String key(String fixtureName) {
        return fixtureName.replace("_", "");
    }

    private static void checkCausal(Fixture f) {
        INDArray m = f.input("tgt_mask");
        for (int i = 0; i < m.size(0); i++) {
            for (int j = 0; j < m.size(1); j++) {
                if (m.getLong(i, j) != (j <= i ? 1 : 0)) {
                    throw new AssertionError(f.name() + ": tgt_mask is not causal");
                }
            }
        }
    }
}
