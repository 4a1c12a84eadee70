package dev.cs231n.classic.linear;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A scope in which ND4J runs each operation on the calling thread: libnd4j's OpenMP thread count and the BLAS (GEMM)
 * library's thread count are set to 1, and {@link #close()} restores them. Equivalent, for the code inside the scope,
 * to starting the JVM with {@code OMP_NUM_THREADS=1}. The settings are global to the process, so use it only where
 * nothing else computes at the same time, as in a job's training loop.
 *
 * <p>Why: an SGD step of the linear classifiers works on arrays of 2,000 to 600,000 elements (a 200 x 10 score matrix,
 * a 3073 x 10 weight matrix, a 200 x 3073 minibatch), where handing work to a second thread costs more than it saves;
 * on a busy 2-core machine it costs far more. Measured on this project's machine with other jobs running: 1,500 steps
 * on the 49,000 x 3073 training split took 3-4 s per setting inside this scope, against 20-70 s with ND4J's default
 * two threads (where e.g. the {@code X^T dscores} GEMM took 5-30 ms instead of 1 ms).
 */
public final class SingleThreadedOps implements AutoCloseable {

    private final int ompThreads;
    private final int blasThreads;

    private SingleThreadedOps() {
        Blas blas = Nd4j.factory().blas(); // first: loads the backend, which NativeOpsHolder needs
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ompThreads = ops.ompGetMaxThreads();
        blasThreads = blas.getMaxThreads();
        ops.setOmpNumThreads(1);
        blas.setMaxThreads(1);
    }

    /** @return the scope; close it (try-with-resources) to restore the previous thread counts */
    public static SingleThreadedOps enter() {
        return new SingleThreadedOps();
    }

    @Override
    public void close() {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Math.max(1, ompThreads));
        Nd4j.factory().blas().setMaxThreads(Math.max(1, blasThreads));
    }
}
