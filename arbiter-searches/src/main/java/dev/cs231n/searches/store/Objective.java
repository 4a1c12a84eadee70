package dev.cs231n.searches.store;

/**
 * Whether a search looks for the highest score (accuracy) or the lowest (loss). Part of a search's identity: the
 * same space and strategy with the other objective is another search.
 */
public enum Objective {
    /** Higher scores are better (validation accuracy). */
    MAXIMIZE,
    /** Lower scores are better (validation loss). */
    MINIMIZE;

    /**
     * @param a a score
     * @param b another score
     * @return whether {@code a} is strictly better than {@code b} under this objective
     */
    public boolean isBetter(double a, double b) {
        return this == MAXIMIZE ? a > b : a < b;
    }

    /** @return the SQL sort direction that puts the best score first */
    String bestFirst() {
        return this == MAXIMIZE ? "DESC" : "ASC";
    }
}
