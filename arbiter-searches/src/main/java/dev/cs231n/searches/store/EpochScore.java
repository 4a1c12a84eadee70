package dev.cs231n.searches.store;

/**
 * A candidate's score after one epoch of one attempt (successive halving and the report's curves read these).
 *
 * @param candidateIndex the candidate
 * @param attempt        the attempt that reported it (1 for the first claim)
 * @param epoch          the epoch, from 1 (or whatever the task counts from; unique per attempt)
 * @param score          the validation score after that epoch; finite
 * @param seconds        wall-clock seconds of that epoch
 */
public record EpochScore(int candidateIndex, int attempt, int epoch, double score, double seconds) {
}
