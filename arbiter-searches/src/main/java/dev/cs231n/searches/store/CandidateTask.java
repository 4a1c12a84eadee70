package dev.cs231n.searches.store;

/**
 * Trains and scores one candidate for a {@link SearchWorker}: builds the model from the hyperparameters, trains it,
 * reports the validation score after each epoch through the context, and returns the final score.
 *
 * <p>A thrown exception (a bad configuration, out of memory) or a NaN score records the candidate as FAILED with
 * the error and the worker goes on with the next one. A task that trains for long should call
 * {@link TrialContext#checkLease()} now and then (e.g. between minibatches) so that it stops soon after another
 * worker took its candidate over.
 */
@FunctionalInterface
public interface CandidateTask {

    /**
     * @param hyperparametersJson the candidate's hyperparameters, a JSON object
     * @param context             reports epochs, tells whether the lease is still held
     * @return the final validation score (under the search's objective)
     * @throws Exception anything that makes the candidate fail
     */
    double run(String hyperparametersJson, TrialContext context) throws Exception;
}
