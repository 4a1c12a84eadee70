package dev.cs231n.searches.run;

import java.util.Locale;

/**
 * How candidates are drawn from a space, as stored with the search (part of its fingerprint): the kind and what
 * makes its sequence reproducible. Termination (how many candidates, how long) is not part of it, so that a resumed
 * search may run longer or add candidates.
 *
 * <ul>
 * <li>{@link Kind#GRID}: Arbiter's {@code GridSearchCandidateGenerator} in sequential order, each continuous
 * hyperparameter cut into {@code gridPoints} values (through its distribution: log-uniform ranges give log-spaced
 * values), discrete ones taking every value; candidate {@code i} is the grid's {@code i}-th point.</li>
 * <li>{@link Kind#RANDOM}: Arbiter's {@code RandomSearchGenerator}, re-seeded for each candidate with
 * {@link #candidateSeed(int)}, so that candidate {@code i} is the same in every worker and on every resume,
 * whatever was generated before it.</li>
 * <li>{@link Kind#GENETIC}: Arbiter's {@code GeneticSearchCandidateGenerator} by generations of
 * {@code population} candidates: candidate {@code i} of generation {@code g = i / population} is bred from the
 * results of every candidate of the earlier generations (replayed in index order into a fresh generator whose
 * selection, crossover and mutation operators are all seeded with {@link #candidateSeed(int)}), so it depends on
 * nothing but the seed and those stored results; generation 0 is random. A generation is added once every earlier
 * candidate is final (see {@link SpaceCandidates#next}).</li>
 * </ul>
 *
 * @param kind       grid, random or genetic
 * @param seed       the random or genetic search's seed (stored as 0 for a grid)
 * @param gridPoints values per continuous hyperparameter of a grid, &gt;= 1 (stored as 0 otherwise)
 * @param population candidates per generation of a genetic search, &gt;= 2 (stored as 0 otherwise)
 */
public record Strategy(Kind kind, long seed, int gridPoints, int population) {

    /** The strategies this runner can store and resume. */
    public enum Kind {
        /** Every point of a grid, in Arbiter's sequential order. */
        GRID,
        /** Independent uniform points of the unit cube, one seed per candidate index. */
        RANDOM,
        /** Generations bred by Arbiter's genetic generator from the stored results of the earlier ones. */
        GENETIC
    }

    /** Validates; normalises the fields a kind does not use to 0. */
    public Strategy {
        if (kind == null) {
            throw new IllegalArgumentException("strategy kind is null; give GRID, RANDOM or GENETIC");
        }
        if (kind == Kind.GRID) {
            if (gridPoints < 1) {
                throw new IllegalArgumentException("a grid needs >= 1 point per continuous hyperparameter, got "
                        + gridPoints);
            }
            seed = 0;
        } else {
            gridPoints = 0;
        }
        if (kind == Kind.GENETIC) {
            if (population < 2) {
                throw new IllegalArgumentException("a genetic search needs a population of >= 2, got " + population);
            }
        } else {
            population = 0;
        }
    }

    /**
     * @param gridPoints values per continuous hyperparameter
     * @return a grid strategy
     */
    public static Strategy grid(int gridPoints) {
        return new Strategy(Kind.GRID, 0, gridPoints, 0);
    }

    /**
     * @param seed the search's seed
     * @return a random strategy
     */
    public static Strategy random(long seed) {
        return new Strategy(Kind.RANDOM, seed, 0, 0);
    }

    /**
     * @param seed       the search's seed
     * @param population candidates per generation
     * @return a genetic strategy
     */
    public static Strategy genetic(long seed, int population) {
        return new Strategy(Kind.GENETIC, seed, 0, population);
    }

    /**
     * Successive halving over a grid or random strategy (see {@link Halving}; not a {@link Kind}, so that the
     * switches over the three kinds stay as they are).
     *
     * @param base      rung 0's strategy: grid or random
     * @param eta       the reduction factor, &gt;= 2
     * @param minEpochs rung 0's epochs
     * @param maxEpochs the last rung's epochs
     * @return the halving strategy
     */
    public static Halving halving(Strategy base, int eta, int minEpochs, int maxEpochs) {
        return new Halving(base, eta, minEpochs, maxEpochs);
    }

    /**
     * The seed of candidate {@code index} of a random search: SplitMix64's finaliser of the search seed and the
     * index, so neighbouring indices get unrelated streams.
     *
     * @param index the candidate's index, &gt;= 0
     * @return the seed given to the generator before drawing that candidate
     */
    public long candidateSeed(int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the JSON stored as the search's strategy, e.g. {@code {"kind":"random","seed":42}} */
    public String toJson() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case GRID -> "{\"kind\":\"" + name + "\",\"gridPoints\":" + gridPoints + "}";
            case RANDOM -> "{\"kind\":\"" + name + "\",\"seed\":" + seed + "}";
            case GENETIC -> "{\"kind\":\"" + name + "\",\"population\":" + population + ",\"seed\":" + seed + "}";
        };
    }
}
