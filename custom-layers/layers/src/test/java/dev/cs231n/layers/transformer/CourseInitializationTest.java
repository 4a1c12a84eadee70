package dev.cs231n.layers.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.recurrent.CaptioningRnn;
import dev.cs231n.layers.recurrent.VanillaRnnVertex;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's initialisations of the two captioning models: every parameter the course draws has the course's
 * standard deviation (and mean 0), every bias is 0, every LayerNorm gamma 1 and beta 0, and the draws follow the seed.
 */
class CourseInitializationTest {

    static void assertDrawn(INDArray w, double std, String what) {
        double mean = w.meanNumber().doubleValue();
        double sd = w.stdNumber().doubleValue();
        assertEquals(std, sd, 0.1 * std, what + ": std");
        assertEquals(0.0, mean, 5 * std / Math.sqrt(w.length()), what + ": mean");
    }

    static void assertAll(INDArray a, double v, String what) {
        assertEquals(v, a.minNumber().doubleValue(), 0.0, what);
        assertEquals(v, a.maxNumber().doubleValue(), 0.0, what);
    }

    @Test
    void transformerWeightsAreDrawnFromN0And002EveryBiasIsZeroAndNormsAreIdentity() {
        int f = 40;
        int w = 32;
        int layers = 2;
        ComputationGraph g = new ComputationGraph(CaptioningTransformer.configuration(f, w, 2, layers, 64, 50, 20,
                0.1, FeedForwardActivation.RELU, null, DataType.FLOAT, 3));
        g.init();
        // perturb the biases and norms first, so that the test sees them reset
        g.params().addi(0.5);
        CaptioningTransformer.initializeLikeCourse(g, 7);
        double std = CaptioningTransformer.COURSE_INIT_STD;
        for (String layer : new String[] {CaptioningTransformer.PROJECTION, CaptioningTransformer.EMBEDDING,
            CaptioningTransformer.OUTPUT}) {
            assertDrawn(g.getLayer(layer).getParam("W"), std, layer + " W");
        }
        assertAll(g.getLayer(CaptioningTransformer.PROJECTION).getParam("b"), 0.0, "visual b");
        assertAll(g.getLayer(CaptioningTransformer.OUTPUT).getParam("b"), 0.0, "output b");
        int drawn = 0;
        for (int l = 0; l < layers; l++) {
            Map<String, INDArray> p = g.getVertex(CaptioningTransformer.decoder(l)).paramTable(false);
            for (Map.Entry<String, INDArray> e : p.entrySet()) {
                String k = e.getKey();
                String what = CaptioningTransformer.decoder(l) + " " + k;
                if (k.endsWith("g")) {
                    assertAll(e.getValue(), 1.0, what);
                } else if (k.contains("b")) {
                    assertAll(e.getValue(), 0.0, what);
                } else {
                    assertDrawn(e.getValue(), std, what);
                    drawn++;
                }
            }
        }
        assertEquals(layers * 10, drawn, "8 attention weights and 2 feed-forward weights per decoder layer");

        ComputationGraph again = new ComputationGraph(g.getConfiguration().clone());
        again.init();
        CaptioningTransformer.initializeLikeCourse(again, 7);
        assertEquals(g.params(), again.params(), "the same seed gives the same draws");
        CaptioningTransformer.initializeLikeCourse(again, 8);
        assertTrue(!g.params().equals(again.params()), "another seed gives other draws");
    }

    @Test
    void rnnWeightsAreTheCoursesScaledGaussiansAndBiasesZero() {
        int f = 300;
        int w = 64;
        int h = 128;
        int v = 200;
        ComputationGraph g = new ComputationGraph(CaptioningRnn.configuration(f, w, h, v, null, DataType.FLOAT, 3));
        g.init();
        g.params().addi(0.5);
        CaptioningRnn.initializeLikeCourse(g, 7);
        assertDrawn(g.getLayer(CaptioningRnn.EMBEDDING).getParam("W"), 0.01, "W_embed: randn / 100");
        assertDrawn(g.getLayer(CaptioningRnn.PROJECTION).getParam("W"), 1 / Math.sqrt(f), "W_proj: randn / sqrt(D)");
        assertDrawn(g.getLayer(CaptioningRnn.OUTPUT).getParam("W"), 1 / Math.sqrt(h), "W_vocab: randn / sqrt(H)");
        Map<String, INDArray> p = g.getVertex(CaptioningRnn.RNN).paramTable(false);
        assertDrawn(p.get(VanillaRnnVertex.WX_KEY), 1 / Math.sqrt(w), "Wx: randn / sqrt(W)");
        assertDrawn(p.get(VanillaRnnVertex.WH_KEY), 1 / Math.sqrt(h), "Wh: randn / sqrt(H)");
        assertAll(p.get(VanillaRnnVertex.B_KEY), 0.0, "b");
        assertAll(g.getLayer(CaptioningRnn.PROJECTION).getParam("b"), 0.0, "b_proj");
        assertAll(g.getLayer(CaptioningRnn.OUTPUT).getParam("b"), 0.0, "b_vocab");
    }
}
