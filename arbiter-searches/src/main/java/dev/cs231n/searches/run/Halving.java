package dev.cs231n.searches.run;

/**
 * Successive halving over a grid or random strategy, as stored with the search (part of its fingerprint). Rung 0
 * holds the base strategy's candidates (the first {@code min(maxCandidates, grid size)}), each trained for
 * {@code minEpochs}; once every candidate of rung {@code r} is final, the best {@code max(1, floor(n_r / eta))} of
 * its completed candidates (by validation score, highest first, ties to the lower index; failed ones out) are
 * promoted to rung {@code r + 1}, each continuing its parent's network to
 * {@link #budget(int) budget(r + 1)} epochs, until the rung whose budget is {@code maxEpochs}:
 *
 * <pre>
 *   budget(r) = min(maxEpochs, minEpochs * eta^r),   lastRung = min { r : minEpochs * eta^r &gt;= maxEpochs }
 * </pre>
 *
 * e.g. the course's grid of 12 with {@code eta = 3}, 1 to 9 epochs: rungs of 12, 4 and 1 candidates at 1, 3 and 9
 * epochs; a promoted candidate trains only its extra epochs, so the search trains 12 + 4 x 2 + 1 x 6 = 26 epochs
 * where the full grid trains 12 x 9 = 108. The search's best is the best completed candidate of its highest rung
 * (see {@link SuccessiveHalving#best}). The objective is maximised (validation accuracy).
 *
 * @param base      the strategy of rung 0: grid or random
 * @param eta       the reduction factor, &gt;= 2: a rung keeps 1/eta of the one before, with eta times its epochs
 * @param minEpochs rung 0's epochs, &gt;= 1
 * @param maxEpochs the last rung's epochs, &gt;= minEpochs
 */
public record Halving(Strategy base, int eta, int minEpochs, int maxEpochs) {

    /** Validates. */
    public Halving {
        if (base == null || base.kind() == Strategy.Kind.GENETIC) {
            throw new IllegalArgumentException("successive halving runs over a grid or a random strategy, got "
                    + base + " (a genetic search breeds by generations of its own)");
        }
        if (eta < 2) {
            throw new IllegalArgumentException("successive halving needs eta >= 2, got " + eta);
        }
        if (minEpochs < 1 || maxEpochs < minEpochs) {
            throw new IllegalArgumentException("successive halving needs 1 <= min epochs <= max epochs, got "
                    + minEpochs + " and " + maxEpochs);
        }
    }

    /** @return the index of the last rung, the one trained for {@code maxEpochs} (0 when min = max) */
    public int lastRung() {
        int r = 0;
        for (long e = minEpochs; e < maxEpochs; e *= eta) {
            r++;
        }
        return r;
    }

    /**
     * @param rung a rung, 0 .. {@link #lastRung()}
     * @return the epochs a candidate of that rung has been trained for when it completes
     */
    public int budget(int rung) {
        if (rung < 0 || rung > lastRung()) {
            throw new IllegalArgumentException("rung " + rung + " is outside 0.." + lastRung());
        }
        long e = minEpochs;
        for (int r = 0; r < rung; r++) {
            e *= eta;
        }
        return (int) Math.min(maxEpochs, e);
    }

    /**
     * @param rungSize the number of candidates in a rung
     * @return how many of them the next rung takes: {@code max(1, floor(rungSize / eta))} (fewer if fewer completed)
     */
    public int promotions(int rungSize) {
        return Math.max(1, rungSize / eta);
    }

    /**
     * @param rung0 the number of candidates in rung 0
     * @return the planned size of every rung, 0 .. {@link #lastRung()}, when no candidate fails
     */
    public int[] rungSizes(int rung0) {
        int[] n = new int[lastRung() + 1];
        n[0] = rung0;
        for (int r = 1; r < n.length; r++) {
            n[r] = promotions(n[r - 1]);
        }
        return n;
    }

    /**
     * @param rung0 the number of candidates in rung 0
     * @return the epochs the search trains when none fails: {@code sum_r n_r * (budget(r) - budget(r - 1))}
     */
    public long plannedEpochs(int rung0) {
        int[] n = rungSizes(rung0);
        long sum = 0;
        for (int r = 0; r < n.length; r++) {
            sum += (long) n[r] * (budget(r) - (r == 0 ? 0 : budget(r - 1)));
        }
        return sum;
    }

    /** @return the JSON stored as the search's strategy, e.g. {@code {"base":{...},"eta":3,"kind":"halving",...}} */
    public String toJson() {
        return "{\"kind\":\"halving\",\"base\":" + base.toJson() + ",\"eta\":" + eta + ",\"minEpochs\":" + minEpochs
                + ",\"maxEpochs\":" + maxEpochs + "}";
    }
}
