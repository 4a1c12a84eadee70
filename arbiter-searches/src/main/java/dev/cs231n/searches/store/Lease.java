package dev.cs231n.searches.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A worker's claim on one candidate, returned by {@link SearchStore#claim}. The triple (candidate, worker, claim) is
 * a fencing token: every later operation with this lease checks that the candidate is still RUNNING under the same
 * worker and claim number (which only grows), so a worker whose lease was taken over cannot record anything.
 *
 * @param candidateIndex      the claimed candidate
 * @param hyperparametersJson its hyperparameters
 * @param workerId            the claiming worker
 * @param device              where it will run
 * @param attempt             this claim's attempt number (1 for the first; epoch scores are kept per attempt)
 * @param claim               how many times the candidate has been claimed, this claim included; unlike
 *                            {@code attempt} it is not given back by {@link SearchStore#release}
 * @param expiresAt           when the lease ends unless renewed (as of the claim)
 * @param duration            how long each renewal ({@link SearchStore#heartbeat}, {@link SearchStore#reportEpoch})
 *                            extends it
 */
public record Lease(int candidateIndex, String hyperparametersJson, String workerId, String device, int attempt,
        int claim, Instant expiresAt, Duration duration) {
}
