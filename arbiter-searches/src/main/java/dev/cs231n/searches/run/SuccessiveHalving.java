package dev.cs231n.searches.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateSpec;
import dev.cs231n.searches.store.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * The store's candidates of a {@link Halving} search: rung 0 is the base strategy's candidates (Arbiter's grid or
 * random generator through {@link SpaceCandidates}), each stored with {@code "rung":0} and
 * {@code "epochs":minEpochs}; a promotion is a new candidate, the copy of its parent's JSON with
 * {@code "rung":r+1}, {@code "parent":<parent's index>} and {@code "epochs":budget(r+1)} (see
 * {@link TrainingBudget}), which {@link NetworkTask} trains from the parent's saved network for the extra epochs
 * only. Rung {@code r + 1} is added ({@link #next}, the runner's top-up) once every candidate of rung {@code r} is
 * final, its candidates numbered from the store's next index in rank order (best parent first), so candidate
 * {@code i} is a function of the seed and the stored results alone, as the store's idempotent add needs.
 *
 * <p>Wiring it into a search job, e.g. {@code --strategy halving --eta 3 --min-epochs 1 --epochs 9}:
 *
 * <pre>{@code
 * Halving h = Strategy.halving(Strategy.grid(gridPoints), eta, minEpochs, epochs);
 * SuccessiveHalving<DL4JConfiguration> sh = SuccessiveHalving.of(fc.space(), fc.named(), h);
 * SearchDescription d = new SearchDescription("fc-net halving", Objective.MAXIMIZE, sh.spaceJson(), h.toJson());
 * try (SearchStore store = SearchStore.open(url, d)) {
 *     store.addCandidates(sh.candidates(termination));                  // rung 0; idempotent on --resume
 *     ModelFiles models = ModelFiles.in(out.resolve("models"));         // saved with their updater state
 *     SearchRunner.builder(store, () -> new NetworkTask(
 *                     json -> sh.rebuild(json).getMultiLayerConfiguration(), data, h.maxEpochs(), models, models))
 *             .workers(workers)
 *             .topUp(() -> store.addCandidates(sh.next(store.candidates(), termination)))   // the next rung
 *             .build().run();
 *     Candidate best = sh.best(store.candidates()).orElseThrow();        // not store.best(): see best()
 *     long epochsUsed = store.candidates().stream().mapToInt(Candidate::epochs).sum();
 * }
 * }</pre>
 *
 * {@code termination.maxCandidates()} bounds rung 0 (the later rungs are fixed by {@code eta}); it cannot grow once
 * rung 1 exists (the store refuses rung-0 candidates at indices rung 1 holds).
 *
 * @param <T> what the space builds (e.g. Arbiter's {@code DL4JConfiguration})
 */
public final class SuccessiveHalving<T> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<Candidate> RANK = Comparator.comparingDouble((Candidate c) -> -c.score())
            .thenComparingInt(Candidate::index);

    private final SpaceCandidates<T> base;
    private final Halving halving;

    private SuccessiveHalving(SpaceCandidates<T> base, Halving halving) {
        this.base = base;
        this.halving = halving;
    }

    /**
     * @param space   the search space
     * @param named   readable names of its hyperparameters (none may be {@value TrainingBudget#RUNG},
     *                {@value TrainingBudget#PARENT} or {@value TrainingBudget#EPOCHS})
     * @param halving the strategy
     * @param <T>     what the space builds
     * @return the halving search's candidates
     */
    public static <T> SuccessiveHalving<T> of(ParameterSpace<T> space, Map<String, ParameterSpace<?>> named,
            Halving halving) {
        if (halving == null) {
            throw new IllegalArgumentException("a halving strategy is required");
        }
        for (String reserved : List.of(TrainingBudget.RUNG, TrainingBudget.PARENT, TrainingBudget.EPOCHS)) {
            if (named != null && named.containsKey(reserved)) {
                throw new IllegalArgumentException("hyperparameter name '" + reserved + "' is reserved by "
                        + "successive halving (each candidate's rung, parent and epochs); rename it");
            }
        }
        return new SuccessiveHalving<>(SpaceCandidates.of(space, named, halving.base()), halving);
    }

    /** @return the strategy */
    public Halving halving() {
        return halving;
    }

    /** @return rung 0's candidates before the budget fields are added */
    public SpaceCandidates<T> base() {
        return base;
    }

    /** @return the space JSON to store (the base's, see {@link SpaceCandidates#spaceJson()}) */
    public String spaceJson() {
        return base.spaceJson();
    }

    /** @return the hyperparameter names, in report order */
    public List<String> names() {
        return base.names();
    }

    /**
     * @param hyperparametersJson any stored candidate's JSON (any rung)
     * @return what the space builds at its point
     */
    public T rebuild(String hyperparametersJson) {
        return base.rebuild(hyperparametersJson);
    }

    /**
     * @param termination how many candidates rung 0 holds
     * @return rung 0: the base strategy's candidates {@code 0 .. n0 - 1}, each with rung 0 and {@code minEpochs}
     */
    public List<CandidateSpec> candidates(Termination termination) {
        List<CandidateSpec> specs = new ArrayList<>();
        for (CandidateSpec s : base.candidates(termination)) {
            specs.add(withBudget(s.index(), s.hyperparametersJson(), new TrainingBudget(0, -1,
                    halving.budget(0))));
        }
        return specs;
    }

    /**
     * What can be added now: the rest of rung 0 while no later rung exists; else, once every candidate of the
     * highest rung {@code r} is final and {@code r} is not the last rung, rung {@code r + 1}: the best
     * {@link Halving#promotions(int) max(1, floor(n_r / eta))} completed candidates of rung {@code r} (highest score
     * first, ties to the lower index; failed ones out), numbered from {@code stored.size()} in that order.
     *
     * @param stored      the store's candidates (indices 0 .. n-1)
     * @param termination how many candidates rung 0 holds
     * @return the candidates to add, possibly none
     */
    public List<CandidateSpec> next(List<Candidate> stored, Termination termination) {
        int n = stored.size();
        int top = stored.stream().mapToInt(c -> rungOf(c)).max().orElse(0);
        if (top == 0) {
            List<CandidateSpec> rung0 = candidates(termination);
            if (n < rung0.size()) {
                return rung0.subList(n, rung0.size());
            }
        }
        if (top >= halving.lastRung() || n == 0) {
            return List.of();
        }
        List<Candidate> rung = stored.stream().filter(c -> rungOf(c) == top).toList();
        if (rung.stream().anyMatch(c -> !isFinal(c.status()))) {
            return List.of();
        }
        List<Candidate> ranked = rung.stream().filter(c -> c.status() == CandidateStatus.COMPLETED).sorted(RANK)
                .toList();
        int k = Math.min(halving.promotions(rung.size()), ranked.size());
        List<CandidateSpec> specs = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            Candidate parent = ranked.get(j);
            specs.add(withBudget(n + j, parent.hyperparametersJson(),
                    new TrainingBudget(top + 1, parent.index(), halving.budget(top + 1))));
        }
        return specs;
    }

    /**
     * The search's best: the best completed candidate of the highest rung that has one (the last rung once the
     * search is finished), highest score first, ties to the lower index. A candidate of a lower rung is not
     * compared with it, since it was trained for fewer epochs (its score after 1 epoch may be a lucky one that more
     * epochs would not keep).
     *
     * @param stored the store's candidates
     * @return the best candidate, empty when none completed
     */
    public Optional<Candidate> best(List<Candidate> stored) {
        Optional<Integer> top = stored.stream().filter(c -> c.status() == CandidateStatus.COMPLETED)
                .map(SuccessiveHalving::rungOf).max(Integer::compare);
        return top.flatMap(r -> stored.stream()
                .filter(c -> c.status() == CandidateStatus.COMPLETED && rungOf(c) == r).min(RANK));
    }

    /**
     * @param c a stored candidate
     * @return its rung (0 for a candidate without budget fields)
     */
    public static int rungOf(Candidate c) {
        return TrainingBudget.of(c.hyperparametersJson()).map(TrainingBudget::rung).orElse(0);
    }

    private static boolean isFinal(CandidateStatus s) {
        return s == CandidateStatus.COMPLETED || s == CandidateStatus.FAILED;
    }

    private static CandidateSpec withBudget(int index, String json, TrainingBudget b) {
        ObjectNode o;
        try {
            o = (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("candidate hyperparameters are not a JSON object: " + json, e);
        }
        o.put(TrainingBudget.RUNG, b.rung());
        o.put(TrainingBudget.EPOCHS, b.epochs());
        if (b.continues()) {
            o.put(TrainingBudget.PARENT, b.parent());
        } else {
            o.remove(TrainingBudget.PARENT);
        }
        return new CandidateSpec(index, o.toString());
    }
}
