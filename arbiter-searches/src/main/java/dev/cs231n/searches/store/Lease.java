package dev.cs231n.searches.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A worker's claim on one candidate, returned by {@link SearchStore#claim}. The triple (candidate, worker, attempt)
 * is a fencing token: every later operation with this lease checks that the candidate is still RUNNING under the
 * same worker and attempt, so a worker whose lease was taken over cannot record anything.
 *
 * @param candidateIndex      the claimed candidate
 * @param hyperparametersJson its hyperparameters
 * @param workerId            the claiming worker
 * @param device              where it will run
 * @param attempt             this claim's attempt number (1 for the first)
 * @param expiresAt           when the lease ends unless renewed (as of the claim)
 * @param duration            how long each renewal ({@link SearchStore#heartbeat}, {@link SearchStore#reportEpoch})
 *                            extends it
 */
public record Lease(int candidateIndex, String hyperparametersJson, String workerId, String device, int attempt,
        Instant expiresAt, Duration duration) {
}
