package dev.cs231n.searches.run;

import java.time.Duration;
import java.time.Instant;

/**
 * When a search run stops: after {@code maxCandidates} candidates exist in the store (a grid adds at most that many
 * of its points, a random search exactly that many), and, for this run, when {@code maxTime} has passed since it
 * started: no worker claims a new candidate after the deadline (a candidate already training finishes and is
 * recorded, as Arbiter's {@code MaxTimeCondition} lets running tasks end). Candidates left PENDING by the deadline
 * are run by a later {@code --resume}.
 *
 * @param maxCandidates the most candidates the search holds, &gt;= 1
 * @param maxTime       this run's wall-clock budget; null for none
 */
public record Termination(int maxCandidates, Duration maxTime) {

    /** Validates. */
    public Termination {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("max candidates must be >= 1, got " + maxCandidates);
        }
        if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
            throw new IllegalArgumentException("max time must be positive, got " + maxTime);
        }
    }

    /**
     * @param start when the run started
     * @return the instant after which no candidate is claimed, or {@link Instant#MAX} without a time limit
     */
    public Instant deadline(Instant start) {
        return maxTime == null ? Instant.MAX : start.plus(maxTime);
    }
}
