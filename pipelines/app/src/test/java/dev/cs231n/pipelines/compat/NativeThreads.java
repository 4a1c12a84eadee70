package dev.cs231n.pipelines.compat;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs libnd4j's thread pool (Environment max threads and master threads) and OpenBLAS on one thread until
 * {@link #close()}, which restores the previous limits. The compatibility artifacts are made and checked this way,
 * because the jobs' figures depend on these counts (see {@code JobCompatArtifactsTest}); one thread also sums in
 * one order whatever the machine's core count, and on the shared 2-core machine, where other builds keep the load
 * far above 2, single-threaded runs were two to four times faster than two threads (fc-net: 17 s against 40 s).
 * OpenMP keeps {@code OMP_NUM_THREADS} (2 under surefire), which also matters and is fixed by the parent pom;
 * oneDNN's convolutions follow neither of these counts (the cnn net's evaluation took the same time with 1 and 2).
 */
final class NativeThreads implements AutoCloseable {

    private final int threads;
    private final int masterThreads;
    private final int blasThreads;

    private NativeThreads() {
        Environment env = Nd4j.getEnvironment();
        threads = env.maxThreads();
        masterThreads = env.maxMasterThreads();
        blasThreads = Nd4j.factory().blas().getMaxThreads();
        set(1, 1, 1);
    }

    /** @return a handle that restores the previous limits when closed */
    static NativeThreads one() {
        return new NativeThreads();
    }

    private static void set(int threads, int masterThreads, int blasThreads) {
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(masterThreads);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }

    @Override
    public void close() {
        set(threads, masterThreads, blasThreads);
    }
}
