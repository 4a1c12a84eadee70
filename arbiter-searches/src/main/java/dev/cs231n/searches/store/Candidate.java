package dev.cs231n.searches.store;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One candidate as stored: hyperparameters, status, who ran it where, and its outcome.
 *
 * @param index               the candidate's number in the strategy's sequence
 * @param hyperparametersJson the hyperparameters (canonical JSON object)
 * @param status              where it is in its life
 * @param workerId            the worker that holds or last held it; null if never claimed
 * @param device              the device it ran on, e.g. {@code cpu} or {@code cuda:1}; null if never claimed
 * @param leaseExpiresAt      when its current lease ends; null unless {@link CandidateStatus#RUNNING}
 * @param attempts            how many times it was claimed (more than 1: a worker died or lost its lease)
 * @param epochs              how many epoch scores its latest attempt reported
 * @param score               the final score if {@link CandidateStatus#COMPLETED}, else null
 * @param seconds             the wall-clock seconds of the finishing attempt, if finished, else null
 * @param error               the error if {@link CandidateStatus#FAILED}, else null
 * @param createdAt           when it was added
 * @param startedAt           when its latest attempt was claimed; null if never claimed
 * @param finishedAt          when it completed or failed; null if not final
 */
public record Candidate(int index, String hyperparametersJson, CandidateStatus status, String workerId, String device,
        Instant leaseExpiresAt, int attempts, int epochs, Double score, Double seconds, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    /** @return the final score, empty unless completed */
    public OptionalDouble finalScore() {
        return score == null ? OptionalDouble.empty() : OptionalDouble.of(score);
    }
}
