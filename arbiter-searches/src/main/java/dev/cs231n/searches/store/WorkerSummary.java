package dev.cs231n.searches.store;

/**
 * What one {@link SearchWorker#run()} did.
 *
 * @param completed candidates it recorded as COMPLETED
 * @param failed    candidates it recorded as FAILED
 * @param lost      candidates it dropped because another worker took them over (nothing recorded)
 * @param released  candidates it gave back unfinished because it was interrupted
 */
public record WorkerSummary(int completed, int failed, int lost, int released) {
}
