package dev.cs231n.pipelines.io;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only hook for the tests that kill a job with {@code kill -9} at a chosen moment: when the system property
 * {@value #PROPERTY} names a point ({@code NAME} or {@code NAME#N} for its N-th passage), the process prints
 * {@value #MARKER}{@code NAME} on standard output when it gets there and then waits forever, for the test to kill
 * it. Without the property (every ordinary run) {@link #at} does nothing.
 *
 * <p>Points: {@code publish:FILE} just before a finished temporary file is renamed over {@code FILE}
 * ({@link AtomicFiles#move}), so a kill there leaves the temporary file and the previous {@code FILE}.
 */
public final class TestPause {

    /** The system property naming the point to pause at. */
    public static final String PROPERTY = "cs231n.test.pause-at";
    /** What a paused process prints, followed by the point. */
    public static final String MARKER = "cs231n-test-paused-at ";

    private static final ConcurrentHashMap<String, AtomicInteger> PASSAGES = new ConcurrentHashMap<>();

    private TestPause() {
    }

    /**
     * @param point the point reached
     */
    public static void at(String point) {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null) {
            return;
        }
        int n = PASSAGES.computeIfAbsent(point, p -> new AtomicInteger()).incrementAndGet();
        if (!wanted.equals(point) && !wanted.equals(point + "#" + n)) {
            return;
        }
        System.out.println(MARKER + wanted);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
