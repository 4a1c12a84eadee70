package dev.cs231n.layers.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import dev.cs231n.layers.core.DenseMergeVertex;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J M2.1's SameDiff graph vertex builds its gradient function inside the backprop working-memory workspace, where
 * the copies of scalar ops keep their scalars; once that workspace is reused, every backward pass after the first is
 * wrong. {@link CorrectedSameDiffGraphVertex} builds it scoped out. Shown on a vertex with one scalar op
 * ({@code (1 - a) * tanh(b W)}), and checked on {@link DenseMergeVertex} (no scalar op) too: repeated passes over
 * changing minibatch sizes give bit for bit the gradients of fresh networks.
 */
class GradientFunctionWorkspaceTest {

    static final int N_A = 3;
    static final int N_B = 2;

    /** {@code out = (1 - a) * tanh(b W)}: {@code a [N, 3]}, {@code b [N, 2]}, {@code W [2, 3]}. */
    static class OneMinusVertex extends CorrectedSameDiffVertex {
        private static final long serialVersionUID = 1L;
        /** Whether {@link #instantiate} builds DL4J's own SameDiff graph vertex instead of the corrected one. */
        boolean dl4jsOwn;

        @Override
        public void defineParametersAndInputs(SDVertexParams params) {
            params.clear();
            params.defineInputs("a", "b");
            params.addWeightParam("W", N_B, N_A);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            WeightInit.XAVIER.getWeightInitFunction().init(N_B, N_A, params.get("W").shape(), 'c', params.get("W"));
        }

        @Override
        public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> in, Map<String, SDVariable> p,
                Map<String, SDVariable> masks) {
            return in.get("a").rsub(1.0).mul(sd.math.tanh(in.get("b").mmul(p.get("W"))));
        }

        @Override
        public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
                int idx, INDArray view, boolean init, DataType dtype) {
            setName(name);
            return dl4jsOwn ? new Dl4jsOwn(this, graph, name, idx, view, init, dtype)
                    : new Corrected(this, graph, name, idx, view, init, dtype);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType... inputs) {
            return InputType.feedForward(N_A);
        }

        @Override
        public GraphVertex clone() {
            OneMinusVertex v = new OneMinusVertex();
            v.dl4jsOwn = dl4jsOwn;
            return v;
        }
    }

    /** The gradient function of a vertex's graph. */
    interface HasGradientFunction {
        SameDiff gradientFunction();
    }

    static final class Dl4jsOwn extends SameDiffGraphVertex implements HasGradientFunction {
        private static final long serialVersionUID = 1L;

        Dl4jsOwn(SameDiffVertex c, ComputationGraph g, String n, int i, INDArray v, boolean init, DataType d) {
            super(c, g, n, i, v, init, d);
        }

        @Override
        public SameDiff gradientFunction() {
            return sameDiff.getFunction("grad");
        }
    }

    static final class Corrected extends CorrectedSameDiffGraphVertex implements HasGradientFunction {
        private static final long serialVersionUID = 1L;

        Corrected(SameDiffVertex c, ComputationGraph g, String n, int i, INDArray v, boolean init, DataType d) {
            super(c, g, n, i, v, init, d);
        }

        @Override
        public SameDiff gradientFunction() {
            return sameDiff.getFunction("grad");
        }
    }

    /**
     * Each test starts from no workspaces, as a new training thread does: the first pass then allocates the gradient
     * function's scalars in memory that the workspace gives back and reuses (earlier tests would otherwise decide
     * whether the stale scalar is overwritten).
     */
    @BeforeEach
    void noWorkspacesYet() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    static ComputationGraph graph(SameDiffVertex vertex) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED).graphBuilder().addInputs("a", "b")
                .setInputTypes(InputType.feedForward(N_A), InputType.feedForward(N_B))
                .addVertex("v", vertex, "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(N_A).nOut(2).build(), "v")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    static MultiDataSet data(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 2);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 2, 1.0);
        }
        return new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.DOUBLE, n, N_A).subi(0.5),
                Nd4j.rand(DataType.DOUBLE, n, N_B).subi(0.5)}, new INDArray[] {y});
    }

    /** Backward passes of one network over N = 3, 3, 1, 3, 2 (new data each) equal those of fresh networks. */
    static void assertRepeatedPassesMatchFreshNetworks(Supplier<ComputationGraph> factory,
            IntFunction<MultiDataSet> data) {
        ComputationGraph g = factory.get();
        INDArray params = g.params().dup();
        int pass = 0;
        for (int n : new int[] {3, 3, 1, 3, 2}) {
            MultiDataSet ds = data.apply(n * 100 + pass);
            ComputationGraph fresh = factory.get();
            fresh.setParams(params);
            for (ComputationGraph net : new ComputationGraph[] {g, fresh}) {
                net.setInputs(ds.getFeatures());
                net.setLabels(ds.getLabels());
                net.computeGradientAndScore();
            }
            assertEquals(fresh.gradient().gradient(), g.gradient().gradient(), "gradients of pass " + pass + ", N = " + n);
            pass++;
        }
    }

    static boolean keepsAScalarInAWorkspace(SameDiff gradientFunction) {
        boolean any = false;
        for (SameDiffOp op : gradientFunction.getOps().values()) {
            if (op.getOp() instanceof ScalarOp) {
                INDArray s = ((ScalarOp) op.getOp()).scalar();
                any |= s != null && s.isAttached();
            }
        }
        return any;
    }

    static SameDiff gradientFunctionAfterOnePass(boolean dl4jsOwn) {
        OneMinusVertex v = new OneMinusVertex();
        v.dl4jsOwn = dl4jsOwn;
        ComputationGraph g = graph(v);
        MultiDataSet ds = data(3, 1);
        g.setInputs(ds.getFeatures());
        g.setLabels(ds.getLabels());
        g.computeGradientAndScore();
        return ((HasGradientFunction) g.getVertex("v")).gradientFunction();
    }

    @Test
    void dl4jsOwnVertexKeepsCopiedScalarsInTheWorkspace() {
        assertTrue(keepsAScalarInAWorkspace(gradientFunctionAfterOnePass(true)),
                "M2.1's SameDiffGraphVertex builds its gradient function in a workspace (if a later release builds it "
                        + "scoped out, this test and the correction's explanation can go)");
    }

    @Test
    void correctedVertexKeepsNothingInAWorkspace() {
        assertFalse(keepsAScalarInAWorkspace(gradientFunctionAfterOnePass(false)));
    }

    @Test
    void repeatedPassesWithAScalarOpMatchFreshNetworks() {
        assertRepeatedPassesMatchFreshNetworks(() -> graph(new OneMinusVertex()),
                seed -> data(Math.max(1, (int) (seed / 100)), seed));
    }

    @Test
    void repeatedPassesOfDenseMergeVertexMatchFreshNetworks() {
        assertRepeatedPassesMatchFreshNetworks(
                () -> graph(DenseMergeVertex.builder().nInA(N_A).nInB(N_B).nOut(N_A).build()),
                seed -> data(Math.max(1, (int) (seed / 100)), seed));
    }
}
