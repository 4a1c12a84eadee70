package dev.cs231n.searches.store;

/**
 * What a running {@link CandidateTask} sees of its worker: which candidate and attempt it runs where, a way to
 * record each epoch's score (which also renews the lease), and whether the lease is still its own.
 */
public interface TrialContext {

    /** @return the candidate's index */
    int candidateIndex();

    /** @return this attempt's number (1 for the first claim; more after a worker died) */
    int attempt();

    /** @return the device this candidate runs on, as recorded, e.g. {@code cpu} or {@code cuda:0} */
    String device();

    /**
     * Records the validation score after {@code epoch}, with the time since the previous report (or the start).
     *
     * @param epoch the epoch number, unique within the attempt (from 1 by convention)
     * @param score the validation score; a NaN or infinite score throws and so fails the candidate
     * @throws LeaseLostException       if another worker took the candidate over; the task should let it propagate
     * @throws IllegalArgumentException if the score is not finite
     */
    void reportEpoch(int epoch, double score);

    /** @return false once a heartbeat found that another worker took the candidate over */
    boolean leaseHeld();

    /**
     * @throws LeaseLostException if another worker took the candidate over (the task should stop)
     */
    void checkLease();
}
