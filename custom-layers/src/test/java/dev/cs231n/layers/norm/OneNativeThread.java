package dev.cs231n.layers.norm;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs ND4J's native ops on one thread for the duration of a test class. Gradient checks execute thousands of
 * passes over arrays of a few dozen elements, where waking a second OpenMP thread costs far more than the work; on a
 * shared 2-core machine it made these checks 10x slower. Call {@link #enter()} in {@code @BeforeAll} and
 * {@link #exit()} in {@code @AfterAll}.
 */
public final class OneNativeThread {

    private static int savedThreads;
    private static int savedMasterThreads;

    private OneNativeThread() {
    }

    /** Remembers the current thread limits and sets both to one. */
    public static void enter() {
        Environment env = Nd4j.getEnvironment();
        savedThreads = env.maxThreads();
        savedMasterThreads = env.maxMasterThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
    }

    /** Restores the limits {@link #enter()} found. */
    public static void exit() {
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(savedThreads);
        env.setMaxMasterThreads(savedMasterThreads);
    }
}
