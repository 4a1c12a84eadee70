package dev.cs231n.searches.store;

/**
 * A candidate to add to a search: its number in the strategy's sequence and its hyperparameters. The index is the
 * candidate's identity, so that several workers generating the same grid add each candidate once.
 *
 * @param index               the candidate's number, from 0
 * @param hyperparametersJson the hyperparameters as a JSON object, e.g. {@code {"lr":1e-3,"reg":0.27}}
 */
public record CandidateSpec(int index, String hyperparametersJson) {

    /** Validates and canonicalises the JSON. */
    public CandidateSpec {
        if (index < 0) {
            throw new IllegalArgumentException("candidate index must be >= 0, got " + index);
        }
        hyperparametersJson = Json.canonical(hyperparametersJson, "candidate " + index + "'s hyperparameters");
        if (!hyperparametersJson.startsWith("{")) {
            throw new IllegalArgumentException("candidate " + index + "'s hyperparameters must be a JSON object, got "
                    + Json.abbreviate(hyperparametersJson, 200));
        }
    }
}
