package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for DL4J 1.0.0-M2.1's oneDNN layer helpers (not part of ND4J).
 *
 * <p>M2.1's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment
 * #isUseMKLDNN} by reflection, a class that M2.1 renamed to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment#isUseONEDNN}: the lookup fails, and every
 * built-in convolution, subsampling, batch-norm and LRN layer silently takes DL4J's slow Java path although
 * libnd4j's oneDNN kernels are loaded. This class restores the old name and answers with the real environment's
 * {@code isUseONEDNN()}, so the helpers are enabled exactly when libnd4j has oneDNN and allows it. On the CUDA
 * backend DL4J never asks (the helpers are CPU-only) and the delegate is absent: the answer is then false.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The environment view DL4J's helper check calls. */
    public static final class Environment {

        private static final String REAL = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** @return the single instance */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** @return whether libnd4j runs its oneDNN kernels (false when that cannot be determined) */
        public boolean isUseMKLDNN() {
            try {
                Class<?> real = Class.forName(REAL);
                Object env = real.getMethod("getInstance").invoke(null);
                Method m = real.getMethod("isUseONEDNN");
                return (Boolean) m.invoke(env);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
