package dev.cs231n.pipelines.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import dev.cs231n.layers.norm.fast.FastNorm;
import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.nn.ConvNets;
import dev.cs231n.pipelines.nn.NormKind;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Memory of training steps of {@link DeepCnnBench}'s network (batch 128, float32): after warm-up steps, the sizes
 * of the thread's ND4J workspaces, JavaCPP's off-heap bytes and the process's physical memory, the peak Java heap
 * and the heap allocated per step. Usage (one configuration per JVM):
 * {@code java -cp ... dev.cs231n.pipelines.bench.jmh.DeepCnnMemory BATCH|GROUP|NONE|BUILTIN true|false [steps]}; the
 * second argument is {@code cs231n.norm.fast}; {@code BUILTIN} is the same network with DL4J's
 * {@code BatchNormalization} (oneDNN helper) in place of ours ({@link DeepCnnLayerTimes#builtInBatchNorm()}).
 */
public final class DeepCnnMemory {

    private DeepCnnMemory() {
    }

    /**
     * @param args norm kind, fast path on or off, number of measured steps (default 10)
     */
    public static void main(String[] args) {
        String norm = args[0];
        System.setProperty(FastNorm.PROPERTY, args[1]);
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        OneDnnHelpers.enable();
        MultiLayerNetwork net = new MultiLayerNetwork("BUILTIN".equals(norm) ? DeepCnnLayerTimes.builtInBatchNorm()
                : ConvNets.conf(ConvNets.Spec.builder().arch(ConvNets.Arch.DEEP).norm(NormKind.valueOf(norm))
                        .groups(8).reg(1e-4).updater(new Adam(1e-3)).dataType(DataType.FLOAT).seed(1).build()));
        net.init();
        CifarLikeBatch batch = CifarLikeBatch.of(128);
        for (int i = 0; i < 3; i++) {
            net.fit(batch.x(), batch.y());
        }
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        long physPeak = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(batch.x(), batch.y());
            physPeak = Math.max(physPeak, Pointer.physicalBytes());
        }
        double msPerStep = (System.nanoTime() - t0) / 1e6 / steps;
        long allocPerStep = (threads.getThreadAllocatedBytes(tid) - alloc0) / steps;
        long heapPeak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPeak += p.getPeakUsage().getUsed();
            }
        }
        long ws = 0;
        StringBuilder names = new StringBuilder();
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            ws += w.getCurrentSize();
            names.append(String.format(Locale.ROOT, " %s=%.1fMB", w.getId(), w.getCurrentSize() / 1e6));
        }
        System.out.printf(Locale.ROOT, "deep cnn %s fast=%s: workspaces %.1f MB (%s ), JavaCPP off-heap %.1f MB, "
                + "physical peak %.1f MB, heap peak %.1f MB, heap allocated %.2f MB/step (main thread), %.1f ms/step%n",
                norm, args[1], ws / 1e6, names.toString().trim(), Pointer.totalBytes() / 1e6, physPeak / 1e6,
                heapPeak / 1e6, allocPerStep / 1e6, msPerStep);
    }
}
