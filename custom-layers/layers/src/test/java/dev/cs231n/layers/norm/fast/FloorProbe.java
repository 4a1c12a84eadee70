package dev.cs231n.layers.norm.fast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.LayerNorm;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Not a test: a timing probe (run with {@code java -cp <test classpath> dev.cs231n.layers.norm.fast.FloorProbe
 * [repeats] [dtype]}) that splits one forward+backward training pass of {@code BatchNorm} and {@code LayerNorm} on
 * {@code [256, 3072]} into phases, exactly as {@code BatchNormBench} runs it (one-layer network, MultiLayerNetwork's
 * workspace settings): the whole layer pass, its forward and backward halves, the {@link FastNorm} calls, the bare
 * kernels on {@code double[]} parameters, the element-by-element parameter reads and gradient writes, and plain
 * copy passes over the buffers. Phases run round-robin, one repeat of each in turn, so that the machine's load hits
 * all of them alike; the probe prints each phase's median and quartiles in milliseconds.
 */
public final class FloorProbe {

    private static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder().initialSize(0)
            .overallocationLimit(0.05).policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();

    private FloorProbe() {
    }

    /** One timed phase. */
    interface Task {
        /** @return a value that depends on the work, so the JIT keeps it */
        double run();
    }

    private record Phase(String name, Task task, long[] ns) {
    }

    private static final List<Phase> PHASES = new ArrayList<>();
    private static double sink;

    private static void phase(String name, Task t, int repeats) {
        PHASES.add(new Phase(name, t, new long[repeats]));
    }

    /**
     * @param args repeats (default 200), data type FLOAT or DOUBLE (default FLOAT), phase-name filter (regex)
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        DataType type = args.length > 1 ? DataType.valueOf(args[1]) : DataType.FLOAT;
        String filter = args.length > 2 ? args[2] : ".*";
        int n = 256;
        int d = 3072;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(type, n, d).muli(2).addi(0.5);
        INDArray dout = Nd4j.randn(type, n, d);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder()
                .with(ArrayType.INPUT, "BENCH_ACT", WS).with(ArrayType.ACTIVATIONS, "BENCH_ACT", WS)
                .with(ArrayType.FF_WORKING_MEM, "BENCH_WORKING", WS)
                .with(ArrayType.BP_WORKING_MEM, "BENCH_WORKING", WS)
                .with(ArrayType.ACTIVATION_GRAD, "BENCH_GRAD", WS).build();
        Layer bn = layer(BatchNorm.builder().nIn(d).build(), type);
        Layer ln = layer(LayerNorm.builder().nIn(d).build(), type);
        Layer builtIn = layer(new BatchNormalization.Builder().nIn(d).nOut(d).build(), type);

        INDArray gammaView = bn.getParam(BatchNorm.GAMMA_KEY);
        INDArray betaView = bn.getParam(BatchNorm.BETA_KEY);
        INDArray gradFlat = Nd4j.create(type, 1, 4L * d);
        INDArray gradView = gradFlat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(d, 2L * d));
        INDArray out = Nd4j.create(type, n, d);
        INDArray dx = Nd4j.create(type, n, d);
        double[] gamma = FastNorm.values(gammaView);
        double[] beta = FastNorm.values(betaView);
        double eps = 1e-5;
        ChannelNorm.Shape cs = new ChannelNorm.Shape(n, d, 1);
        RowNorm.Shape rs = new RowNorm.Shape(n, 1, d, 1);
        FastNorm.Stats st = FastNorm.batchNormForward(x, gammaView, betaView, eps, out);
        FastNorm.Stats rst = FastNorm.rowNormForward(x, 1, gammaView, betaView, eps, out);
        double[] dg = new double[d];
        double[] db = new double[d];

        phase("bn.layer fwd+bwd", () -> step(bn, x, dout, mgr), repeats);
        phase("bn.layer fwd+bwd [double tiles]", () -> doubleTiles(() -> step(bn, x, dout, mgr)), repeats);
        phase("bn.layer fwd", () -> forward(bn, x, mgr), repeats);
        phase("bn.layer bwd", () -> backward(bn, x, dout, mgr), repeats);
        phase("bn.FastNorm fwd (api)", () -> FastNorm.batchNormForward(x, gammaView, betaView, eps, out).mean()[0],
                repeats);
        phase("bn.FastNorm bwd (api)", () -> FastNorm.batchNormBackward(x, dout, st, gammaView, dx).dbeta()[0],
                repeats);
        phase("bn.kernel fwd", () -> {
            double[] m = new double[d];
            double[] v = new double[d];
            double[] iv = new double[d];
            ChannelNorm.forward(RawArray.of(x), cs, gamma, beta, eps, RawArray.of(out), m, v, iv);
            return m[0];
        }, repeats);
        phase("bn.kernel bwd", () -> {
            ChannelNorm.backward(RawArray.of(x), RawArray.of(dout), cs, st.mean(), st.inv(), gamma, RawArray.of(dx),
                    dg, db);
            return db[0];
        }, repeats);
        phase("bn.float kernel fwd", () -> {
            double[] m = new double[d];
            double[] v = new double[d];
            double[] iv = new double[d];
            FloatChannelNorm.forward(RawArray.of(x), cs, gamma, beta, eps, RawArray.of(out), m, v, iv);
            return m[0];
        }, repeats);
        phase("bn.float kernel bwd", () -> {
            FloatChannelNorm.backward(RawArray.of(x), RawArray.of(dout), cs, st.mean(), st.inv(), gamma,
                    RawArray.of(dx), dg, db);
            return db[0];
        }, repeats);
        phase("bn.kernel fwd 1 thread", () -> oneThread(() -> {
            double[] m = new double[d];
            double[] v = new double[d];
            double[] iv = new double[d];
            ChannelNorm.forward(RawArray.of(x), cs, gamma, beta, eps, RawArray.of(out), m, v, iv);
            return m[0];
        }), repeats);
        phase("bn.kernel bwd 1 thread", () -> oneThread(() -> {
            ChannelNorm.backward(RawArray.of(x), RawArray.of(dout), cs, st.mean(), st.inv(), gamma, RawArray.of(dx),
                    dg, db);
            return db[0];
        }), repeats);
        phase("values(param view) x1", () -> FastNorm.values(gammaView)[7], repeats);
        phase("write(grad view) x1", () -> {
            FastNorm.write(gradView, gamma);
            return 0;
        }, repeats);
        phase("updateRunning x1", () -> {
            FastNorm.updateRunning(gradView, gamma, 0.9);
            return 0;
        }, repeats);
        phase("read pass (buffer -> double tiles)", () -> readPass(RawArray.of(x), (long) n * d), repeats);
        phase("read+write pass", () -> copyPass(RawArray.of(x), RawArray.of(dx), (long) n * d), repeats);
        java.nio.FloatBuffer xf = type == DataType.FLOAT ? x.data().asNioFloat() : null;
        float[] heapF = new float[n * d];
        double[] heapD = new double[n * d];
        phase("read floats, no widening", () -> {
            float[] t = new float[4096];
            float s = 0;
            for (int i = 0; i < n * d; i += t.length) {
                xf.get(i, t, 0, Math.min(t.length, n * d - i));
                s += t[0];
            }
            return s;
        }, repeats);
        phase("heap float[] -> double[] widening", () -> {
            for (int i = 0; i < heapF.length; i++) {
                heapD[i] = heapF[i];
            }
            return heapD[5];
        }, repeats);
        phase("native dup (memcpy 1 pass)", () -> x.dup().getDouble(0), repeats);
        phase("native column mean x.mean(0)", () -> x.mean(0).getDouble(0), repeats);
        phase("ln.layer fwd+bwd", () -> step(ln, x, dout, mgr), repeats);
        phase("ln.layer fwd+bwd [double tiles]", () -> doubleTiles(() -> step(ln, x, dout, mgr)), repeats);
        phase("ln.layer fwd", () -> forward(ln, x, mgr), repeats);
        phase("ln.layer bwd", () -> backward(ln, x, dout, mgr), repeats);
        phase("ln.kernel fwd", () -> {
            double[] m = new double[n];
            double[] iv = new double[n];
            RowNorm.forward(RawArray.of(x), rs, gamma, beta, eps, RawArray.of(out), m, iv);
            return m[0];
        }, repeats);
        phase("ln.kernel bwd", () -> {
            RowNorm.backward(RawArray.of(x), RawArray.of(dout), rs, rst.mean(), rst.inv(), gamma, RawArray.of(dx),
                    dg, db);
            return db[0];
        }, repeats);
        phase("ln.float kernel fwd", () -> {
            double[] m = new double[n];
            double[] iv = new double[n];
            FloatRowNorm.forward(RawArray.of(x), rs, gamma, beta, eps, RawArray.of(out), m, iv);
            return m[0];
        }, repeats);
        phase("ln.float kernel bwd", () -> {
            FloatRowNorm.backward(RawArray.of(x), RawArray.of(dout), rs, rst.mean(), rst.inv(), gamma,
                    RawArray.of(dx), dg, db);
            return db[0];
        }, repeats);
        phase("ln.kernel fwd 1 thread", () -> oneThread(() -> {
            double[] m = new double[n];
            double[] iv = new double[n];
            RowNorm.forward(RawArray.of(x), rs, gamma, beta, eps, RawArray.of(out), m, iv);
            return m[0];
        }), repeats);
        phase("ln.kernel bwd 1 thread", () -> oneThread(() -> {
            RowNorm.backward(RawArray.of(x), RawArray.of(dout), rs, rst.mean(), rst.inv(), gamma, RawArray.of(dx),
                    dg, db);
            return db[0];
        }), repeats);
        phase("builtin fwd+bwd", () -> step(builtIn, x, dout, mgr), repeats);
        PHASES.removeIf(p -> !p.name().matches(filter));

        int warm = Math.max(20, repeats / 5);
        for (int i = 0; i < warm; i++) {
            for (Phase p : PHASES) {
                sink += p.task().run();
            }
        }
        for (int i = 0; i < repeats; i++) {
            for (Phase p : PHASES) {
                long t0 = System.nanoTime();
                sink += p.task().run();
                p.ns()[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "%s [%d, %d], %d repeats, fast-path threads %d, ND4J maxThreads %d%n", type,
                n, d, repeats, FastNorm.threads(), Nd4j.getEnvironment().maxThreads());
        for (Phase p : PHASES) {
            long[] s = p.ns().clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%-40s median %8.3f ms  (q1 %8.3f, q3 %8.3f)%n", p.name(),
                    s[s.length / 2] / 1e6, s[s.length / 4] / 1e6, s[3 * s.length / 4] / 1e6);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double doubleTiles(Task t) {
        System.setProperty(FastNorm.FLOAT_KERNELS_PROPERTY, "false");
        try {
            return t.run();
        } finally {
            System.clearProperty(FastNorm.FLOAT_KERNELS_PROPERTY);
        }
    }

    private static double oneThread(Task t) {
        String saved = System.getProperty(FastNorm.THREADS_PROPERTY);
        System.setProperty(FastNorm.THREADS_PROPERTY, "1");
        try {
            return t.run();
        } finally {
            if (saved == null) {
                System.clearProperty(FastNorm.THREADS_PROPERTY);
            } else {
                System.setProperty(FastNorm.THREADS_PROPERTY, saved);
            }
        }
    }

    private static Layer layer(org.deeplearning4j.nn.conf.layers.Layer conf, DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(type).list().layer(conf).build());
        net.init();
        net.initGradientsView();
        return net.getLayer(0);
    }

    private static double step(Layer layer, INDArray x, INDArray dout, LayerWorkspaceMgr mgr) {
        try (MemoryWorkspace act = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            layer.setInput(x, mgr);
            try (MemoryWorkspace work = mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                layer.activate(true, mgr);
            }
            try (MemoryWorkspace grad = mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                    MemoryWorkspace work = mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                return layer.backpropGradient(dout, mgr).getSecond().getDouble(0);
            }
        }
    }

    private static double forward(Layer layer, INDArray x, LayerWorkspaceMgr mgr) {
        try (MemoryWorkspace act = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            layer.setInput(x, mgr);
            try (MemoryWorkspace work = mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                return layer.activate(true, mgr).getDouble(0);
            }
        }
    }

    /** The backward half alone: the statistics the last forward pass left for the same input are reused. */
    private static double backward(Layer layer, INDArray x, INDArray dout, LayerWorkspaceMgr mgr) {
        try (MemoryWorkspace act = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            layer.setInput(x, mgr);
            try (MemoryWorkspace grad = mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                    MemoryWorkspace work = mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                return layer.backpropGradient(dout, mgr).getSecond().getDouble(0);
            }
        }
    }

    private static double readPass(RawArray a, long length) {
        double[] t = new double[4096];
        double s = 0;
        for (long i = 0; i < length; i += t.length) {
            int k = (int) Math.min(t.length, length - i);
            a.get(i, t, 0, k);
            s += t[0];
        }
        return s;
    }

    private static double copyPass(RawArray a, RawArray b, long length) {
        double[] t = new double[4096];
        for (long i = 0; i < length; i += t.length) {
            int k = (int) Math.min(t.length, length - i);
            a.get(i, t, 0, k);
            b.put(i, t, 0, k);
        }
        return t[0];
    }
}
