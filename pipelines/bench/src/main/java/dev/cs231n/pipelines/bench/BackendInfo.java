package dev.cs231n.pipelines.bench;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** What ND4J backend build is running, for benchmark reports. */
public final class BackendInfo {

    private BackendInfo() {
    }

    /**
     * @return e.g. {@code "CpuBackend onednn"}, {@code "CpuBackend generic"} or {@code "JCublasBackend cudnn"}:
     *         the backend class and whether libnd4j was built with oneDNN / cuDNN
     */
    public static String describe() {
        String backend = Nd4j.getBackend().getClass().getSimpleName(); // initialises ND4J first
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        String flavour = build.contains("HAVE_ONEDNN") ? "onednn"
                : build.contains("HAVE_CUDNN") ? "cudnn" : "generic";
        return backend + " " + flavour;
    }
}
