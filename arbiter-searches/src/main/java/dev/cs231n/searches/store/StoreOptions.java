package dev.cs231n.searches.store;

import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link SearchStore} behaves, with defaults in one place: {@link #defaults()}.
 *
 * <p>Leases are compared with the {@linkplain #clock() clock} of the worker that claims; workers on several
 * machines therefore need clocks that agree to well within a lease (NTP does this).
 */
public final class StoreOptions {

    /** Claims of one candidate, including those whose worker died, before it is recorded as FAILED. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** How long an SQLite connection waits for another process's write lock before giving up. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

    private final Clock clock;
    private final int maxAttempts;
    private final Duration busyTimeout;

    private StoreOptions(Clock clock, int maxAttempts, Duration busyTimeout) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.busyTimeout = busyTimeout;
    }

    /** @return the system UTC clock, {@value #DEFAULT_MAX_ATTEMPTS} attempts, a 30 s busy timeout */
    public static StoreOptions defaults() {
        return new StoreOptions(Clock.systemUTC(), DEFAULT_MAX_ATTEMPTS, DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * @param clock the clock that stamps records and decides lease expiry (a fixed or stepped clock in tests)
     * @return a copy with this clock
     */
    public StoreOptions withClock(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock is null");
        }
        return new StoreOptions(clock, maxAttempts, busyTimeout);
    }

    /**
     * @param maxAttempts how many claims of one candidate are allowed; when the lease of the last one expires,
     *                    the candidate is recorded as FAILED instead of being run again (a configuration that kills
     *                    its JVM, e.g. by running out of native memory, must not stall the search forever); &gt;= 1
     * @return a copy with this limit
     */
    public StoreOptions withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        return new StoreOptions(clock, maxAttempts, busyTimeout);
    }

    /**
     * @param busyTimeout how long SQLite waits for another process's lock (several workers on one file); &gt; 0
     * @return a copy with this timeout
     */
    public StoreOptions withBusyTimeout(Duration busyTimeout) {
        if (busyTimeout == null || busyTimeout.isNegative() || busyTimeout.isZero()) {
            throw new IllegalArgumentException("busyTimeout must be positive, got " + busyTimeout);
        }
        return new StoreOptions(clock, maxAttempts, busyTimeout);
    }

    /** @return the clock for timestamps and leases */
    public Clock clock() {
        return clock;
    }

    /** @return the claims allowed per candidate */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return SQLite's busy timeout */
    public Duration busyTimeout() {
        return busyTimeout;
    }
}
