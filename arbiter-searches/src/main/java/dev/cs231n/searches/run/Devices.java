package dev.cs231n.searches.run;

import java.util.Locale;
import java.util.function.IntConsumer;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a {@link SearchRunner}'s workers run. On the CPU backend every worker shares the CPU (recorded as
 * {@code cpu}; the cores are split with {@link SearchRunner.Builder#threadsPerWorker(int)}). On the CUDA backend
 * ({@code -Pcuda}: ND4J's {@code JCublasBackend}) worker {@code k} runs on device {@code k mod n} of the {@code n}
 * that ND4J sees: its thread is attached to that device before it claims anything
 * ({@code Nd4j.getAffinityManager().unsafeSetDevice(k)}, so the networks, data and updater state it creates live
 * there), the store records {@code cuda:k} for its candidates, and a runner without an explicit worker count runs
 * one worker per device.
 *
 * <p>The CUDA path compiles here ({@code mvn -Pcuda ... compile}) but has not been run: this machine has no
 * supported GPU. Its assignment logic is tested with an injected device count and attach action.
 */
public final class Devices {

    private final boolean gpu;
    private final int count;
    private final IntConsumer attach;

    private Devices(boolean gpu, int count, IntConsumer attach) {
        this.gpu = gpu;
        this.count = count;
        this.attach = attach;
    }

    /** @return the CPU: one shared device, nothing to attach */
    public static Devices cpu() {
        return new Devices(false, 1, k -> { });
    }

    /**
     * @param count  GPUs, &gt;= 1
     * @param attach attaches the calling thread to a device index (ND4J's affinity manager; a recorder in tests)
     * @return {@code count} GPUs
     */
    public static Devices gpus(int count, IntConsumer attach) {
        if (count < 1 || attach == null) {
            throw new IllegalArgumentException("GPU devices need a count >= 1 and an attach action, got " + count);
        }
        return new Devices(true, count, attach);
    }

    /** @return the devices of ND4J's backend in this process */
    public static Devices detect() {
        boolean cpu;
        try {
            cpu = Nd4j.getEnvironment().isCPU();
        } catch (RuntimeException | LinkageError e) {
            cpu = true;
        }
        return of(Nd4j.getBackend().getClass().getName(), cpu, () -> Nd4j.getAffinityManager().getNumberOfDevices(),
                k -> Nd4j.getAffinityManager().unsafeSetDevice(k));
    }

    /**
     * @param backendClassName ND4J's backend class, e.g. {@code org.nd4j.linalg.jcublas.JCublasBackend}
     * @param environmentIsCpu what ND4J's {@code Environment.isCPU()} says
     * @param deviceCount      the affinity manager's device count (read only for a CUDA backend)
     * @param attach           attaches the calling thread to a device
     * @return CUDA devices when the backend is CUDA's (its class name, or the environment not a CPU one), else the
     *         CPU
     */
    static Devices of(String backendClassName, boolean environmentIsCpu, java.util.function.IntSupplier deviceCount,
            IntConsumer attach) {
        String name = backendClassName == null ? "" : backendClassName.toLowerCase(Locale.ROOT);
        boolean cuda = name.contains("jcublas") || name.contains("cuda") || !environmentIsCpu;
        return cuda ? gpus(Math.max(1, deviceCount.getAsInt()), attach) : cpu();
    }

    /** @return whether the workers run on GPUs */
    public boolean gpu() {
        return gpu;
    }

    /** @return how many devices (1 for the CPU) */
    public int count() {
        return count;
    }

    /** @return the workers a runner starts when not told: one per GPU, 1 on the CPU */
    public int defaultWorkers() {
        return gpu ? count : 1;
    }

    /**
     * @param worker a worker's number, from 0
     * @return its device index ({@code worker mod count}; 0 on the CPU)
     */
    public int deviceOf(int worker) {
        if (worker < 0) {
            throw new IllegalArgumentException("worker numbers start at 0, got " + worker);
        }
        return gpu ? worker % count : 0;
    }

    /**
     * @param worker a worker's number
     * @return what the store records for its candidates: {@code cuda:K} or {@code cpu}
     */
    public String name(int worker) {
        return gpu ? "cuda:" + deviceOf(worker) : "cpu";
    }

    /**
     * Attaches the calling thread (worker {@code worker}'s) to its device; nothing on the CPU.
     *
     * @param worker the worker's number
     */
    public void attach(int worker) {
        if (gpu) {
            attach.accept(deviceOf(worker));
        }
    }

    @Override
    public String toString() {
        return gpu ? count + " CUDA device(s)" : "cpu";
    }
}
