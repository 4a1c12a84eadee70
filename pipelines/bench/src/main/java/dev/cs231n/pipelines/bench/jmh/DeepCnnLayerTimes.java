package dev.cs231n.pipelines.bench.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cs231n.layers.norm.fast.FastNorm;
import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.nn.ConvNets;
import dev.cs231n.pipelines.nn.NormKind;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Where one training step of {@link DeepCnnBench}'s network goes, per layer (not a JMH benchmark; run with
 * {@code java -cp ... dev.cs231n.pipelines.bench.jmh.DeepCnnLayerTimes [repeats]}). For each network (no
 * normalisation; our BatchNorm on its fast path with float tiles, with double tiles, and on its SameDiff path;
 * DL4J's built-in
 * {@code BatchNormalization}, with its oneDNN helper) it times, round-robin so that the machine's load hits all
 * alike: {@code fit} (the whole Adam step, the network's own workspaces), {@code computeGradientAndScore} (forward
 * and backward without the update) and each layer's {@code activate(training)} and {@code backpropGradient} run by
 * hand without workspaces. It prints medians in milliseconds.
 */
public final class DeepCnnLayerTimes {

    private DeepCnnLayerTimes() {
    }

    /**
     * The {@link ConvNets.Arch#DEEP} network with DL4J's built-in {@code BatchNormalization} in place of ours
     * (otherwise as {@link ConvNets#conf}: conv without bias, identity, BN, ReLU, max-pool; L2 1e-4; Adam 1e-3).
     *
     * @return the configuration
     */
    static MultiLayerConfiguration builtInBatchNorm() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same).list();
        for (int width : new int[] {32, 64, 128}) {
            b.layer(new ConvolutionLayer.Builder(3, 3).nOut(width).hasBias(false).l2(1e-4)
                    .activation(Activation.IDENTITY).build());
            b.layer(new BatchNormalization.Builder().build());
            b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .l2(1e-4).build());
        return b.setInputType(InputType.convolutional(32, 32, 3)).build();
    }

    /**
     * @param norm NONE, BATCH or GROUP
     * @return the deep network as {@link DeepCnnBench} builds it
     */
    static MultiLayerConfiguration deep(NormKind norm) {
        return ConvNets.conf(ConvNets.Spec.builder().arch(ConvNets.Arch.DEEP).norm(norm).groups(8).reg(1e-4)
                .updater(new Adam(1e-3)).dataType(DataType.FLOAT).seed(1).build());
    }

    private static final class Net {
        final String name;
        final MultiLayerNetwork net;
        final boolean fast;
        final boolean floatKernels;
        /** The fast path's thread count, null for its default. */
        String threads;
        final Map<String, long[]> times = new LinkedHashMap<>();

        Net(String name, MultiLayerConfiguration conf, boolean fast, boolean floatKernels) {
            this.name = name;
            this.fast = fast;
            this.floatKernels = floatKernels;
            this.net = new MultiLayerNetwork(conf);
            net.init();
        }

        void record(String what, int rep, long ns, int repeats) {
            times.computeIfAbsent(what, k -> new long[repeats])[rep] = ns;
        }
    }

    /**
     * @param args repeats (default 15); {@code threads} as a second argument compares the fast path on 2 and 1
     *             threads (with the no-norm network) instead of the five networks
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        OneDnnHelpers.enable();
        List<Net> nets = new ArrayList<>();
        nets.add(new Net("no norm", deep(NormKind.NONE), true, true));
        if (args.length > 1 && args[1].equals("threads")) {
            nets.add(new Net("our BatchNorm, fast path, 2 threads", deep(NormKind.BATCH), true, true));
            Net one = new Net("our BatchNorm, fast path, 1 thread", deep(NormKind.BATCH), true, true);
            one.threads = "1";
            nets.add(one);
            run(nets, repeats);
            return;
        }
        nets.add(new Net("our BatchNorm, fast path (float tiles)", deep(NormKind.BATCH), true, true));
        nets.add(new Net("our BatchNorm, fast path, double tiles", deep(NormKind.BATCH), true, false));
        nets.add(new Net("our BatchNorm, SameDiff path", deep(NormKind.BATCH), false, true));
        nets.add(new Net("DL4J BatchNormalization (oneDNN)", builtInBatchNorm(), true, true));
        run(nets, repeats);
    }

    private static void run(List<Net> nets, int repeats) {
        CifarLikeBatch batch = CifarLikeBatch.of(128);
        for (int rep = -3; rep < repeats; rep++) {
            for (Net n : nets) {
                System.setProperty(FastNorm.PROPERTY, Boolean.toString(n.fast));
                System.setProperty(FastNorm.FLOAT_KERNELS_PROPERTY, Boolean.toString(n.floatKernels));
                if (n.threads == null) {
                    System.clearProperty(FastNorm.THREADS_PROPERTY);
                } else {
                    System.setProperty(FastNorm.THREADS_PROPERTY, n.threads);
                }
                long t0 = System.nanoTime();
                n.net.fit(batch.x(), batch.y());
                long t1 = System.nanoTime();
                n.net.setInput(batch.x());
                n.net.setLabels(batch.y());
                n.net.computeGradientAndScore();
                long t2 = System.nanoTime();
                if (rep >= 0) {
                    n.record("fit (Adam step)", rep, t1 - t0, repeats);
                    n.record("computeGradientAndScore", rep, t2 - t1, repeats);
                }
                byHand(n, batch, rep, repeats);
            }
        }
        System.out.printf(Locale.ROOT, "deep cnn batch 128, %d repeats, ND4J maxThreads %d%n", repeats,
                org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
        for (Net n : nets) {
            System.out.println("== " + n.name);
            double layerSum = 0;
            for (Map.Entry<String, long[]> e : n.times.entrySet()) {
                double m = median(e.getValue());
                if (e.getKey().startsWith("L")) {
                    layerSum += m;
                }
                System.out.printf(Locale.ROOT, "  %-58s %9.2f ms%n", e.getKey(), m);
            }
            System.out.printf(Locale.ROOT, "  %-58s %9.2f ms%n", "sum of layers by hand", layerSum);
        }
    }

    private static void byHand(Net n, CifarLikeBatch batch, int rep, int repeats) {
        MultiLayerNetwork net = n.net;
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Layer[] layers = net.getLayers();
        INDArray a = batch.x();
        int mb = (int) a.size(0);
        for (int i = 0; i < layers.length; i++) {
            InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pp != null) {
                a = pp.preProcess(a, mb, mgr);
            }
            layers[i].setInput(a, mgr);
            if (layers[i] instanceof IOutputLayer o) {
                o.setLabels(batch.y());
            }
            long t0 = System.nanoTime();
            a = layers[i].activate(true, mgr);
            if (rep >= 0) {
                n.record(key(i, layers[i], "fwd"), rep, System.nanoTime() - t0, repeats);
            }
        }
        INDArray eps = null;
        for (int i = layers.length - 1; i >= 0; i--) {
            long t0 = System.nanoTime();
            Pair<Gradient, INDArray> p = layers[i].backpropGradient(eps, mgr);
            if (rep >= 0) {
                n.record(key(i, layers[i], "bwd"), rep, System.nanoTime() - t0, repeats);
            }
            eps = p.getSecond();
            InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pp != null && eps != null) {
                eps = pp.backprop(eps, mb, mgr);
            }
        }
    }

    private static String key(int i, Layer l, String dir) {
        String cls = l.getClass().getSimpleName();
        String shape = l.input() == null ? "" : Arrays.toString(l.input().shape());
        return String.format(Locale.ROOT, "L%02d %-3s %s %s", i, dir, cls, shape);
    }

    private static double median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
