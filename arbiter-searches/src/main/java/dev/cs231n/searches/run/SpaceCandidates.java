package dev.cs231n.searches.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cs231n.searches.store.CandidateSpec;
import dev.cs231n.searches.store.CandidateStatus;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GeneticSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.SinglePointCrossover;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.parentselection.RandomTwoParentSelection;
import org.deeplearning4j.arbiter.optimize.generator.genetic.mutation.RandomMutationOperator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.population.PopulationModel;
import org.deeplearning4j.arbiter.optimize.generator.genetic.selection.GeneticSelectionOperator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * An Arbiter {@link ParameterSpace} and a {@link Strategy} as the store's candidates. Candidate {@code i} is stored
 * as a JSON object holding the generator's flat point in {@code [0, 1]^n} under {@value #POINT} and the value of
 * every named hyperparameter under its name, e.g.
 * {@code {"depth":2,"lr":0.0013,"point":[0.25,0.5,0.11,0.8],"width":64}}: the names make the CSV export and the
 * report readable, the point rebuilds the candidate ({@link #rebuild(String)}: {@code space.getValue(point)}), so that
 * a resumed or joining worker needs nothing but the stored JSON and the space (no generator state, no serialised
 * early-stopping score calculator, which Arbiter cannot read back).
 *
 * <p>Creating this object runs the Arbiter generator's initialisation, which numbers the space's leaves (their
 * indices into the point); {@link #spaceJson()} is taken after that, so the stored space carries those indices and
 * {@link #rebuildFromStoredSpace(String, String)} can rebuild a candidate from the store alone.
 *
 * <p>Grid: candidate {@code i} is the {@code i}-th point of Arbiter's sequential grid, the first
 * {@code min(maxCandidates, grid size)} all added when the search is created. Random: candidate {@code i} is what
 * Arbiter's {@code RandomSearchGenerator} draws after {@code setRngSeed(strategy.candidateSeed(i))}. Genetic:
 * generation by generation ({@link #next}), candidate {@code i} bred by Arbiter's
 * {@code GeneticSearchCandidateGenerator}
 * from the stored results of the earlier generations (see {@link Strategy}); the objective is maximised
 * (validation accuracy).
 *
 * @param <T> what the space builds (e.g. Arbiter's {@code DL4JConfiguration})
 */
public final class SpaceCandidates<T> {

    /** The key of the flat point in a candidate's JSON; no hyperparameter may have this name. */
    public static final String POINT = "point";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_GENETIC_DRAWS = 100;

    private final ParameterSpace<T> space;
    private final Map<String, ParameterSpace<?>> named;
    private final Strategy strategy;
    private final BaseCandidateGenerator<T> generator;
    private final String spaceJson;

    private SpaceCandidates(ParameterSpace<T> space, Map<String, ParameterSpace<?>> named, Strategy strategy) {
        this.space = space;
        this.named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
        this.strategy = strategy;
        this.generator = strategy.kind() == Strategy.Kind.GRID
                ? new GridSearchCandidateGenerator(space, strategy.gridPoints(),
                        GridSearchCandidateGenerator.Mode.Sequential, null)
                : new RandomSearchGenerator(space, null);
        this.spaceJson = describe(space, named.keySet());
    }

    /**
     * @param space    the search space
     * @param named    readable names of the space's hyperparameters (leaves of {@code space}, in report order);
     *                 every leaf that varies should have one
     * @param strategy grid or random
     * @param <T>      what the space builds
     * @return the candidates of that space under that strategy
     * @throws IllegalArgumentException when a name is blank or {@value #POINT}, or a named space is not a leaf of
     *                                  {@code space}
     */
    public static <T> SpaceCandidates<T> of(ParameterSpace<T> space, Map<String, ParameterSpace<?>> named,
            Strategy strategy) {
        if (space == null || named == null || strategy == null) {
            throw new IllegalArgumentException("space, names and strategy are required");
        }
        List<ParameterSpace> leaves = LeafUtils.getUniqueObjects(space.collectLeaves());
        for (Map.Entry<String, ParameterSpace<?>> e : named.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank() || POINT.equals(name)) {
                throw new IllegalArgumentException("a hyperparameter name must be non-blank and not '" + POINT
                        + "', got '" + name + "'");
            }
            if (leaves.stream().noneMatch(l -> l == e.getValue())) {
                throw new IllegalArgumentException("hyperparameter '" + name + "' (" + e.getValue() + ") is not a "
                        + "leaf of the search space: name the very ParameterSpace object the space was built with");
            }
        }
        return new SpaceCandidates<>(space, named, strategy);
    }

    /** @return the space (its leaves numbered) */
    public ParameterSpace<T> space() {
        return space;
    }

    /** @return the strategy */
    public Strategy strategy() {
        return strategy;
    }

    /** @return the hyperparameter names, in report order */
    public List<String> names() {
        return List.copyOf(named.keySet());
    }

    /** @return the length of a candidate's point */
    public int dimension() {
        return space.numParameters();
    }

    /**
     * @return the JSON stored as the search's space: {@code {"arbiter": <the space in Arbiter's JSON, leaf indices
     *         included>, "names": [...]}}
     */
    public String spaceJson() {
        return spaceJson;
    }

    /** @return the grid's size; for a random search, {@link Integer#MAX_VALUE} (any number of candidates) */
    public int size() {
        return generator instanceof GridSearchCandidateGenerator g ? g.getTotalNumCandidates() : Integer.MAX_VALUE;
    }

    /**
     * The candidates that can be added now, after those stored: for a grid or a random search, the rest of
     * {@link #candidates(Termination)}; for a genetic search, every next index below {@code maxCandidates} whose
     * earlier generations are all final (COMPLETED or FAILED), bred from their results.
     *
     * @param stored      the store's candidates (indices 0 .. n-1)
     * @param termination how many candidates the search may hold
     * @return candidates with indices from {@code stored.size()}, possibly none
     */
    public List<CandidateSpec> next(List<dev.cs231n.searches.store.Candidate> stored, Termination termination) {
        int n = stored.size();
        if (strategy.kind() != Strategy.Kind.GENETIC) {
            List<CandidateSpec> all = candidates(termination);
            return n >= all.size() ? List.of() : all.subList(n, all.size());
        }
        List<CandidateSpec> specs = new ArrayList<>();
        for (int i = n; i < termination.maxCandidates(); i++) {
            int start = generationStart(i);
            if (start > n || stored.stream().anyMatch(c -> c.index() < start && !final_(c.status()))) {
                break;
            }
            specs.add(genetic(i, stored, specs));
        }
        return specs;
    }

    private static boolean final_(CandidateStatus s) {
        return s == CandidateStatus.COMPLETED || s == CandidateStatus.FAILED;
    }

    private int generationStart(int index) {
        return index / strategy.population() * strategy.population();
    }

    /**
     * Genetic candidate {@code index}: a fresh Arbiter genetic generator, every operator seeded with the candidate's
     * seed, fed the completed results of the earlier generations in index order, draws until its point differs from
     * the point of every candidate with a lower index (Arbiter's generator can return a parent unchanged when
     * neither crossover nor mutation happened; its own duplicate check does not see the other candidates).
     *
     * @param index  the candidate
     * @param stored the stored candidates (those of earlier generations must be final)
     * @param batch  candidates generated with it and not stored yet (lower indices of its generation)
     * @return the candidate
     */
    CandidateSpec genetic(int index, List<dev.cs231n.searches.store.Candidate> stored, List<CandidateSpec> batch) {
        long seed = strategy.candidateSeed(index);
        RandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(seed);
        GeneticSelectionOperator selection = new GeneticSelectionOperator.Builder().randomGenerator(rng)
                .crossoverOperator(new SinglePointCrossover.Builder().randomGenerator(rng)
                        .parentSelection(new RandomTwoParentSelection(rng)).build())
                .mutationOperator(new RandomMutationOperator.Builder().randomGenerator(rng).build()).build();
        GeneticSearchCandidateGenerator g = new GeneticSearchCandidateGenerator.Builder(space,
                new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .populationModel(new PopulationModel.Builder().populationSize(strategy.population()).build())
                .selectionOperator(selection).build();
        g.setRngSeed(seed);
        int start = generationStart(index);
        stored.stream().filter(c -> c.index() < start && c.status() == CandidateStatus.COMPLETED)
                .sorted(java.util.Comparator.comparingInt(dev.cs231n.searches.store.Candidate::index))
                .forEach(c -> g.reportResults(new OptimizationResult(new Candidate<>((Object) null, c.index(),
                        point(c.hyperparametersJson(), space.numParameters())), c.score(), c.index(), null, null,
                        null)));
        List<double[]> taken = new ArrayList<>();
        stored.stream().filter(c -> c.index() < index)
                .forEach(c -> taken.add(point(c.hyperparametersJson(), space.numParameters())));
        batch.stream().filter(c -> c.index() < index)
                .forEach(c -> taken.add(point(c.hyperparametersJson(), space.numParameters())));
        for (int attempt = 0; attempt < MAX_GENETIC_DRAWS && g.hasMoreCandidates(); attempt++) {
            double[] p = g.getCandidate().getFlatParameters();
            if (taken.stream().noneMatch(t -> java.util.Arrays.equals(t, p))) {
                return spec(index, p);
            }
        }
        throw new IllegalStateException("Arbiter's genetic generator found no new point for candidate " + index
                + " in " + MAX_GENETIC_DRAWS + " draws (the population has converged); stop the search or enlarge "
                + "the space");
    }

    /**
     * @param termination how many candidates the search may hold
     * @return candidates {@code 0 .. min(maxCandidates, size()) - 1}, to add to the store (idempotent by index)
     */
    public List<CandidateSpec> candidates(Termination termination) {
        int n = Math.min(termination.maxCandidates(), size());
        List<CandidateSpec> specs = new ArrayList<>(n);
        if (strategy.kind() == Strategy.Kind.GENETIC) {
            for (int i = 0; i < Math.min(n, strategy.population()); i++) {
                specs.add(genetic(i, List.of(), specs));
            }
            return specs;
        }
        if (generator instanceof GridSearchCandidateGenerator g) {
            GridSearchCandidateGenerator fresh = new GridSearchCandidateGenerator(space, strategy.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            for (int i = 0; i < n && fresh.hasMoreCandidates(); i++) {
                specs.add(spec(i, fresh.getCandidate().getFlatParameters()));
            }
            return specs;
        }
        for (int i = 0; i < n; i++) {
            specs.add(candidate(i));
        }
        return specs;
    }

    /**
     * @param index a candidate's index
     * @return that candidate, the same in every process and run
     * @throws IllegalArgumentException when a grid has no such point
     */
    public synchronized CandidateSpec candidate(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("candidate " + index + " is outside the grid of " + size()
                    + " points");
        }
        if (generator instanceof GridSearchCandidateGenerator) {
            GridSearchCandidateGenerator fresh = new GridSearchCandidateGenerator(space, strategy.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            Candidate<?> c = null;
            for (int i = 0; i <= index; i++) {
                c = fresh.getCandidate();
            }
            return spec(index, c.getFlatParameters());
        }
        if (strategy.kind() == Strategy.Kind.GENETIC) {
            if (index >= strategy.population()) {
                throw new IllegalArgumentException("genetic candidate " + index + " is bred from the stored results "
                        + "of the earlier generations: use next(stored, termination)");
            }
            List<CandidateSpec> before = new ArrayList<>();
            for (int i = 0; i < index; i++) {
                before.add(genetic(i, List.of(), before));
            }
            return genetic(index, List.of(), before);
        }
        generator.setRngSeed(strategy.candidateSeed(index));
        return spec(index, generator.getCandidate().getFlatParameters());
    }

    /**
     * @param index the candidate's index
     * @param point its flat point
     * @return the stored form: the point and every named value
     */
    CandidateSpec spec(int index, double[] point) {
        ObjectNode o = JSON.createObjectNode();
        for (Map.Entry<String, ParameterSpace<?>> e : named.entrySet()) {
            o.set(e.getKey(), JSON.valueToTree(readable(e.getValue().getValue(point))));
        }
        ArrayNode p = o.putArray(POINT);
        for (double v : point) {
            p.add(v);
        }
        return new CandidateSpec(index, o.toString());
    }

    private static Object readable(Object value) {
        return value instanceof Number || value instanceof Boolean || value instanceof String || value == null ? value
                : value.toString();
    }

    /**
     * @param hyperparametersJson a stored candidate's JSON
     * @return what the space builds at the candidate's point
     */
    public T rebuild(String hyperparametersJson) {
        return space.getValue(point(hyperparametersJson, space.numParameters()));
    }

    /**
     * Rebuilds a candidate from the store alone: the stored space JSON and the candidate's JSON.
     *
     * @param storedSpaceJson     a search's {@link #spaceJson()} as stored
     * @param hyperparametersJson one of its candidates
     * @return what the space builds at that point
     */
    public static Object rebuildFromStoredSpace(String storedSpaceJson, String hyperparametersJson) {
        ParameterSpace<?> restored;
        try {
            JsonNode node = JSON.readTree(storedSpaceJson).get("arbiter");
            if (node == null) {
                throw new IllegalArgumentException("the stored space has no 'arbiter' field: "
                        + abbreviate(storedSpaceJson));
            }
            restored = JsonMapper.getMapper().readValue(node.toString(), ParameterSpace.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the stored space is not an Arbiter space (" + e.getMessage() + "): "
                    + abbreviate(storedSpaceJson), e);
        }
        return restored.getValue(point(hyperparametersJson, restored.numParameters()));
    }

    /**
     * @param hyperparametersJson a stored candidate's JSON
     * @param dimension           the space's number of parameters
     * @return its point
     * @throws IllegalArgumentException when the JSON has no point of that length with values in [0, 1]
     */
    static double[] point(String hyperparametersJson, int dimension) {
        JsonNode p;
        try {
            p = JSON.readTree(hyperparametersJson).get(POINT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("candidate hyperparameters are not JSON: "
                    + abbreviate(hyperparametersJson), e);
        }
        if (p == null || !p.isArray() || p.size() != dimension) {
            throw new IllegalArgumentException("candidate hyperparameters need '" + POINT + "': an array of "
                    + dimension + " numbers in [0, 1] (the space's parameters); got "
                    + abbreviate(hyperparametersJson));
        }
        double[] point = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            point[i] = p.get(i).asDouble(Double.NaN);
            if (!(point[i] >= 0 && point[i] <= 1)) {
                throw new IllegalArgumentException("candidate point value " + i + " is " + p.get(i)
                        + ", not in [0, 1]: " + abbreviate(hyperparametersJson));
            }
        }
        return point;
    }

    private static String describe(ParameterSpace<?> space, Iterable<String> names) {
        try {
            ObjectNode o = JSON.createObjectNode();
            o.set("arbiter", JSON.readTree(JsonMapper.getMapper().writeValueAsString(space)));
            ArrayNode n = o.putArray("names");
            names.forEach(n::add);
            return o.toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the search space cannot be written as Arbiter JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }
}
