package dev.cs231n.searches.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.EpochScore;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;

/**
 * What the report shows, read from the store once: the search, its candidates, the epoch scores of each candidate's
 * latest attempt, and each candidate's named hyperparameters (the keys of its hyperparameters JSON except
 * {@value SpaceCandidates#POINT}). Counts and the best candidate are computed from the one list of candidates, so
 * they agree with the table even while workers are running.
 *
 * @param search          the search as stored
 * @param candidates      every candidate, by index
 * @param epochs          candidate index to the epoch scores of its latest attempt, by epoch (absent if none)
 * @param values          candidate index to its named hyperparameter values (in the JSON's order)
 * @param hyperparameters the named hyperparameters over all candidates, in first-seen order
 */
record ReportData(SearchDescription search, List<Candidate> candidates, Map<Integer, List<EpochScore>> epochs,
        Map<Integer, Map<String, JsonNode>> values, List<Hyperparameter> hyperparameters) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param store an open store
     * @return its contents as of now
     */
    static ReportData read(SearchStore store) {
        List<Candidate> candidates = store.candidates();
        Map<Integer, Integer> latestAttempt = new TreeMap<>();
        for (Candidate c : candidates) {
            latestAttempt.put(c.index(), c.attempts());
        }
        Map<Integer, List<EpochScore>> epochs = new TreeMap<>();
        Map<Integer, List<EpochScore>> all = new TreeMap<>();
        for (EpochScore e : store.epochScores()) {
            all.computeIfAbsent(e.candidateIndex(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<Integer, List<EpochScore>> e : all.entrySet()) {
            // the latest attempt's, as Candidate.epochs() counts them: a re-run does not mix with a dead attempt
            Integer attempt = latestAttempt.get(e.getKey());
            List<EpochScore> latest = e.getValue().stream().filter(s -> attempt != null && s.attempt() == attempt)
                    .toList();
            if (!latest.isEmpty()) {
                epochs.put(e.getKey(), latest);
            }
        }
        Map<Integer, Map<String, JsonNode>> values = new TreeMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            Map<String, JsonNode> named = named(c.hyperparametersJson());
            values.put(c.index(), named);
            names.addAll(named.keySet());
        }
        List<Hyperparameter> hyperparameters = new ArrayList<>();
        for (String name : names) {
            List<JsonNode> seen = new ArrayList<>();
            for (Map<String, JsonNode> v : values.values()) {
                JsonNode x = v.get(name);
                if (x != null && !x.isNull()) {
                    seen.add(x);
                }
            }
            hyperparameters.add(Hyperparameter.of(name, seen));
        }
        return new ReportData(store.description(), List.copyOf(candidates), Collections.unmodifiableMap(epochs),
                Collections.unmodifiableMap(values), List.copyOf(hyperparameters));
    }

    /** @return how many candidates are in each status (every status present) */
    Map<CandidateStatus, Integer> counts() {
        Map<CandidateStatus, Integer> counts = new EnumMap<>(CandidateStatus.class);
        for (CandidateStatus s : CandidateStatus.values()) {
            counts.put(s, 0);
        }
        for (Candidate c : candidates) {
            counts.merge(c.status(), 1, Integer::sum);
        }
        return counts;
    }

    /** @return the completed candidate with the best score under the objective, the lowest index on ties */
    Optional<Candidate> best() {
        Candidate best = null;
        for (Candidate c : completed()) {
            if (best == null || search.objective().isBetter(c.score(), best.score())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return the completed candidates, by index */
    List<Candidate> completed() {
        return candidates.stream().filter(c -> c.status() == CandidateStatus.COMPLETED && c.score() != null)
                .toList();
    }

    /**
     * @return the candidates in the table's order: completed best first (index on ties), then running, pending and
     *         failed, each by index
     */
    List<Candidate> tableOrder() {
        List<Candidate> rows = new ArrayList<>(completed());
        rows.sort((a, b) -> {
            if (search.objective().isBetter(a.score(), b.score())) {
                return -1;
            }
            if (search.objective().isBetter(b.score(), a.score())) {
                return 1;
            }
            return Integer.compare(a.index(), b.index());
        });
        for (CandidateStatus s : List.of(CandidateStatus.RUNNING, CandidateStatus.PENDING, CandidateStatus.FAILED)) {
            candidates.stream().filter(c -> c.status() == s).forEach(rows::add);
        }
        candidates.stream().filter(c -> c.status() == CandidateStatus.COMPLETED && c.score() == null)
                .forEach(rows::add);
        return rows;
    }

    /**
     * @param json a candidate's hyperparameters
     * @return its top-level fields except the point; nothing if it is not a JSON object
     */
    static Map<String, JsonNode> named(String json) {
        Map<String, JsonNode> named = new LinkedHashMap<>();
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return named; // the store canonicalises what it is given; a hand-edited row shows only as raw JSON
        }
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!SpaceCandidates.POINT.equals(f.getKey())) {
                    named.put(f.getKey(), f.getValue());
                }
            }
        }
        return named;
    }
}
