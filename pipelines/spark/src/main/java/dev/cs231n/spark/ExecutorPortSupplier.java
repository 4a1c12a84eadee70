package dev.cs231n.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;

import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The UDP port of a gradient-sharing worker: DL4J's default (a fixed 49876 for every JVM) makes two executors on one
 * machine bind the same address and port (in {@code local-cluster}: both on {@link SparkContexts#EXECUTOR_LOOPBACK}),
 * and the training silently leaves the driver's network at chance. Here the driver (and executors in its JVM) keeps
 * the controller port the workers connect to, and each executor JVM takes a free UDP port of its own, once.
 */
public final class ExecutorPortSupplier implements PortSupplier {

    private static final long serialVersionUID = 1L;
    private static int executorPort;

    private final int controllerPort;

    /** @param controllerPort the driver's port ({@link VoidConfiguration#DEFAULT_AERON_UDP_PORT} by default) */
    public ExecutorPortSupplier(int controllerPort) {
        this.controllerPort = controllerPort;
    }

    @Override
    public int getPort() {
        SparkEnv env = SparkEnv.get();
        if (env == null || "driver".equals(env.executorId())) {
            return controllerPort;
        }
        return ownPort();
    }

    private static synchronized int ownPort() {
        if (executorPort == 0) {
            try (DatagramSocket s = new DatagramSocket(0)) {
                executorPort = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free UDP port for gradient sharing: " + e.getMessage(), e);
            }
        }
        return executorPort;
    }
}
