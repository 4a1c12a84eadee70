package dev.cs231n.layers.norm;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A JUnit extension ({@code @ExtendWith(OneNativeThread.class)}) that runs ND4J's native ops on one thread for the
 * duration of a test class and restores the previous limits afterwards. These tests execute thousands of passes
 * over arrays of a few dozen to a few thousand elements, where waking a second OpenMP thread costs far more than the
 * work: on the shared 2-core machine the gradient checks ran 10 times slower with two threads.
 */
public final class OneNativeThread implements BeforeAllCallback, AfterAllCallback {

    private int savedThreads;
    private int savedMasterThreads;

    @Override
    public void beforeAll(ExtensionContext context) {
        Environment env = Nd4j.getEnvironment();
        savedThreads = env.maxThreads();
        savedMasterThreads = env.maxMasterThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(savedThreads);
        env.setMaxMasterThreads(savedMasterThreads);
    }
}
