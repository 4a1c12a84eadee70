package dev.cs231n.layers.attention.corrected;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.cs231n.layers.attention.corrected.AttentionNets.Kind;
import dev.cs231n.layers.samediff.GradientScale;
import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The corrected attention drop-ins against DL4J's originals: same outputs given the same parameters, the originals'
 * gradients exactly {@code 1 / GradientScale.factor()} times ours (2x on M2.1; ours pass GradientCheckUtil, see
 * {@link CorrectedAttentionGradientCheckTest}), repeated backward passes over changing minibatch sizes with
 * workspaces on equal to fresh networks', each parameter initialised from its own fans, round trips and builder
 * checks.
 */
class CorrectedAttentionTest {

    static final double EXACT = 1e-12;

    /** DL4J's LearnedSelfAttentionLayer fails on M2.1 in its first forward pass (scatter_update); ours runs. */
    @Test
    void dl4jsLearnedSelfAttentionLayerDoesNotRunOnM21() {
        ComputationGraph orig = AttentionNets.graph(Kind.LEARNED, false, new NoOp(), WorkspaceMode.ENABLED);
        MultiDataSet ds = AttentionNets.data(Kind.LEARNED, 2, false, 3);
        assertThrows(RuntimeException.class, () -> orig.outputSingle(ds.getFeatures()));
        ComputationGraph ours = AttentionNets.graph(Kind.LEARNED, true, new NoOp(), WorkspaceMode.ENABLED);
        assertEquals(2, ours.outputSingle(ds.getFeatures()).size(0));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"SELF", "RECURRENT", "VERTEX"})
    void sameOutputsAsTheOriginalAndTheOriginalsGradientsAreDoubled(Kind kind) {
        for (boolean masked : new boolean[] {false, true}) {
            ComputationGraph orig = AttentionNets.graph(kind, false, new NoOp(), WorkspaceMode.ENABLED);
            ComputationGraph ours = AttentionNets.graph(kind, true, new NoOp(), WorkspaceMode.ENABLED);
            Nd4j.getRandom().setSeed(40);
            orig.setParams(Nd4j.rand(DataType.DOUBLE, orig.params().shape()).subi(0.5));
            ours.setParams(orig.params().dup());
            MultiDataSet ds = AttentionNets.data(kind, 3, masked, 41);
            String what = kind + (masked ? " masked " : " ");
            orig.setLayerMaskArrays(ds.getFeaturesMaskArrays(), null);
            ours.setLayerMaskArrays(ds.getFeaturesMaskArrays(), null);
            assertClose(what + "output", orig.outputSingle(ds.getFeatures()), ours.outputSingle(ds.getFeatures()),
                    EXACT);
            orig.clearLayerMaskArrays();
            ours.clearLayerMaskArrays();

            AttentionNets.computeGradient(orig, ds);
            AttentionNets.computeGradient(ours, ds);
            double doubling = 1.0 / GradientScale.factor();
            for (String k : ours.gradient().gradientForVariable().keySet()) {
                INDArray mine = ours.gradient().getGradientFor(k);
                INDArray theirs = orig.gradient().getGradientFor(k);
                if (k.startsWith("att_")) {
                    assertClose(what + k + " (original = " + doubling + " x ours)", mine.mul(doubling), theirs, EXACT);
                } else {
                    assertClose(what + k + " (above the attention: equal)", mine, theirs, EXACT);
                }
            }
        }
    }

    /**
     * With workspaces on, the gradients of one network over passes of N = 3, 3, 1, 3, 2 (new data each time, masked
     * every other pass) equal those of fresh networks with the same parameters, bit for bit: none of the components
     * keeps stale arrays from a previous pass (DL4J's own SameDiff vertex builds its gradient function in a
     * workspace; see {@code GradientFunctionWorkspaceTest}).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void repeatedPassesMatchFreshNetworks(Kind kind) {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        ComputationGraph g = AttentionNets.graph(kind, true, new NoOp(), WorkspaceMode.ENABLED);
        INDArray params = g.params().dup();
        int pass = 0;
        for (int n : new int[] {3, 3, 1, 3, 2}) {
            MultiDataSet ds = AttentionNets.data(kind, n, pass % 2 == 1, 900 + pass);
            ComputationGraph fresh = AttentionNets.graph(kind, true, new NoOp(), WorkspaceMode.ENABLED);
            fresh.setParams(params);
            AttentionNets.computeGradient(g, ds);
            AttentionNets.computeGradient(fresh, ds);
            assertEquals(fresh.gradient().gradient(), g.gradient().gradient(), kind + " pass " + pass + ", N = " + n);
            pass++;
        }
    }

    /** Trains several Adam steps over changing minibatch sizes: the same parameters as a network trained the same. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void trainingWithWorkspacesEqualsTrainingWithout(Kind kind) {
        ComputationGraph on = AttentionNets.graph(kind, true, new Adam(1e-2), WorkspaceMode.ENABLED);
        ComputationGraph off = AttentionNets.graph(kind, true, new Adam(1e-2), WorkspaceMode.NONE);
        off.setParams(on.params().dup());
        int step = 0;
        for (int n : new int[] {3, 1, 2, 3, 3}) {
            MultiDataSet ds = AttentionNets.data(kind, n, step % 2 == 0, 950 + step);
            on.fit(ds);
            off.fit(ds);
            step++;
        }
        assertClose(kind + " parameters after 5 Adam steps", off.params(), on.params(), EXACT);
    }

    /** XAVIER_UNIFORM draws from +-sqrt(6 / (fanIn + fanOut)): the largest of many draws shows the fans used. */
    @Test
    void eachParameterIsInitialisedFromItsOwnFans() {
        int nIn = 64;
        int nOut = 256;
        int heads = 4; // headSize 64, projected size 256
        SelfAttentionLayer self = new SelfAttentionLayer.Builder().nIn(nIn).nOut(nOut).nHeads(heads)
                .projectInput(true).weightInit(WeightInit.XAVIER_UNIFORM).build();
        assertFans(self, SelfAttentionLayer.WEIGHT_KEY_QUERY_PROJECTION, nIn, 256);
        assertFans(self, SelfAttentionLayer.WEIGHT_KEY_OUT_PROJECTION, 256, nOut);
        RecurrentAttentionLayer rec = new RecurrentAttentionLayer.Builder().nIn(nIn).nOut(nOut).nHeads(heads)
                .projectInput(true).weightInit(WeightInit.XAVIER_UNIFORM).build();
        assertFans(rec, RecurrentAttentionLayer.WEIGHT_KEY_QUERY_PROJECTION, nOut, 256);
        assertFans(rec, RecurrentAttentionLayer.WEIGHT_KEY_KEY_PROJECTION, nIn, 256);
        assertFans(rec, RecurrentAttentionLayer.WEIGHT_KEY_OUT_PROJECTION, 256, nOut);
        assertFans(rec, RecurrentAttentionLayer.WEIGHT_KEY, nIn, nOut);
        LearnedSelfAttentionLayer learned = new LearnedSelfAttentionLayer.Builder().nIn(nIn).nOut(nOut).nHeads(heads)
                .nQueries(32).projectInput(true).weightInit(WeightInit.XAVIER_UNIFORM).build();
        assertFans(learned, LearnedSelfAttentionLayer.WEIGHT_KEY_VALUE_PROJECTION, nIn, 256);
        assertFans(learned, LearnedSelfAttentionLayer.WEIGHT_QUERIES, nIn, 32);

        AttentionVertex v = new AttentionVertex.Builder().nInQueries(nIn).nInKeys(32).nInValues(32).nOut(nOut)
                .nHeads(heads).projectInput(true).weightInit(WeightInit.XAVIER_UNIFORM).build();
        Map<String, INDArray> p = Map.of("Wk", Nd4j.zeros(DataType.DOUBLE, heads, 64, 32), "Wo",
                Nd4j.zeros(DataType.DOUBLE, 256, nOut));
        v.initializeParameters(p);
        assertBound("AttentionVertex Wk", p.get("Wk"), 32, 256);
        assertBound("AttentionVertex Wo", p.get("Wo"), 256, nOut);
    }

    private static void assertFans(SameDiffLayer layer, String key, long fanIn, long fanOut) {
        org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams sp = layer.getLayerParams();
        INDArray view = Nd4j.zeros(DataType.DOUBLE, sp.getParamShapes().get(key));
        layer.initializeParameters(Map.of(key, view));
        assertBound(layer.getClass().getSimpleName() + " " + key, view, fanIn, fanOut);
    }

    private static void assertBound(String what, INDArray w, long fanIn, long fanOut) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        double max = w.amaxNumber().doubleValue();
        assertTrue(max <= bound && max > 0.97 * bound, what + ": largest |w| " + max + " for the bound " + bound
                + " of fan-in " + fanIn + ", fan-out " + fanOut);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void roundTripsKeepTheCorrectedClassesAndTheOutputs(Kind kind) {
        ComputationGraph g = AttentionNets.graph(kind, true, new Adam(1e-2), WorkspaceMode.ENABLED);
        MultiDataSet ds = AttentionNets.data(kind, 2, false, 5);
        g.fit(ds);
        ComputationGraph json = RoundTrip.viaJson(g);
        RoundTrip.assertSameOutput(g, json, ds.getFeatures());
        RoundTrip.assertSameOutput(g, RoundTrip.viaModelSerializer(g), ds.getFeatures());
        Object conf = kind == Kind.VERTEX ? g.getConfiguration().getVertices().get("att")
                : ((org.deeplearning4j.nn.conf.graph.LayerVertex) g.getConfiguration().getVertices().get("att"))
                        .getLayerConf().getLayer();
        Object back = kind == Kind.VERTEX ? json.getConfiguration().getVertices().get("att")
                : ((org.deeplearning4j.nn.conf.graph.LayerVertex) json.getConfiguration().getVertices().get("att"))
                        .getLayerConf().getLayer();
        assertSame(conf.getClass(), back.getClass());
        assertEquals(conf, back);
        Object copy = kind == Kind.VERTEX ? ((AttentionVertex) conf).clone() : ((Layer) conf).clone();
        assertSame(conf.getClass(), copy.getClass());
        assertEquals(conf, copy);
        Object original = kind == Kind.VERTEX ? AttentionNets.vertex(false) : AttentionNets.layer(kind, false);
        Object corrected = kind == Kind.VERTEX ? AttentionNets.vertex(true) : AttentionNets.layer(kind, true);
        assertNotEquals(original, corrected, "an original is not equal to a corrected configuration");
        assertNotEquals(corrected, original, "a corrected configuration is not equal to an original");
    }

    @Test
    void buildersRejectBadSizesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SelfAttentionLayer.Builder().nIn(4).nOut(6).nHeads(4).projectInput(true).build());
        assertTrue(e.getMessage().contains("SelfAttentionLayer") && e.getMessage().contains("nOut = 6")
                && e.getMessage().contains("nHeads = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SelfAttentionLayer.Builder().nIn(4).nOut(6).nHeads(1).build());
        assertTrue(e.getMessage().contains("nIn = 4, nOut = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LearnedSelfAttentionLayer.Builder().nIn(4).nOut(4)
                .nHeads(2).projectInput(true).build());
        assertTrue(e.getMessage().contains("nQueries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AttentionVertex.Builder().nInQueries(4).nInKeys(4)
                .nInValues(4).nOut(6).nHeads(4).projectInput(true).build());
        assertTrue(e.getMessage().contains("AttentionVertex") && e.getMessage().contains("nOut = 6"), e.getMessage());
    }
}
