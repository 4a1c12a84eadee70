package dev.cs231n.searches.store;

/**
 * Where a candidate is in its life: {@link #PENDING} (added, never claimed, or released), {@link #RUNNING} (claimed
 * by a worker under a lease), and the two final states {@link #COMPLETED} (a score was recorded) and
 * {@link #FAILED} (an error was recorded; the search goes on without it).
 */
public enum CandidateStatus {
    /** Waiting for a worker. */
    PENDING,
    /** Held by a worker whose lease has not been taken over. */
    RUNNING,
    /** Finished with a final score; final. */
    COMPLETED,
    /** Finished with an error (exception, NaN score, or too many lost workers); final. */
    FAILED;

    /** @return whether no worker will run a candidate in this state again */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
