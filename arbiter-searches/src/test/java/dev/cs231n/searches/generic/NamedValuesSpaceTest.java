package dev.cs231n.searches.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.run.Termination;
import dev.cs231n.searches.store.CandidateSpec;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.junit.jupiter.api.Test;

/** The generic space: Arbiter's generators search it, and it survives Arbiter's JSON. */
class NamedValuesSpaceTest {

    private static Map<String, ParameterSpace<?>> hp() {
        Map<String, ParameterSpace<?>> hp = new LinkedHashMap<>();
        hp.put("lr", new DiscreteParameterSpace<>(1e-7, 2e-7, 5e-7));
        hp.put("reg", new DiscreteParameterSpace<>(2.5e4, 5e4));
        return hp;
    }

    @Test
    void aGridOverItGivesEveryCombinationOnceAsNamedValues() {
        Map<String, ParameterSpace<?>> hp = hp();
        NamedValuesSpace space = new NamedValuesSpace(hp);
        SpaceCandidates<Map<String, Object>> c = SpaceCandidates.of(space, hp, Strategy.grid(2));
        List<CandidateSpec> all = c.candidates(new Termination(100, null));
        assertEquals(6, all.size());
        Set<Map<String, Object>> seen = new HashSet<>();
        for (CandidateSpec s : all) {
            Map<String, Object> v = c.rebuild(s.hyperparametersJson());
            assertEquals(List.of("lr", "reg"), List.copyOf(v.keySet()));
            seen.add(v);
        }
        assertEquals(6, seen.size());
        assertTrue(seen.contains(Map.of("lr", 5e-7, "reg", 2.5e4)));
    }

    @Test
    void itRoundTripsThroughArbitersJsonAndRebuildsFromTheStoredSpace() throws Exception {
        Map<String, ParameterSpace<?>> hp = new LinkedHashMap<>();
        hp.put("lr", new ContinuousParameterSpace(new LogUniformDistribution(1e-3, 1e-1)));
        hp.put("hidden", new IntegerParameterSpace(400, 600));
        hp.put("epochs", new FixedValue<>(20));
        NamedValuesSpace space = new NamedValuesSpace(hp);
        Map<String, ParameterSpace<?>> named = new LinkedHashMap<>(hp);
        named.remove("epochs");
        SpaceCandidates<Map<String, Object>> c = SpaceCandidates.of(space, named, Strategy.random(3));
        assertEquals(2, space.numParameters());
        String json = JsonMapper.getMapper().writeValueAsString(space);
        ParameterSpace<?> back = JsonMapper.getMapper().readValue(json, ParameterSpace.class);
        assertEquals(space, back);
        for (CandidateSpec s : c.candidates(new Termination(5, null))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) SpaceCandidates.rebuildFromStoredSpace(c.spaceJson(),
                    s.hyperparametersJson());
            assertEquals(c.rebuild(s.hyperparametersJson()), v);
            double lr = (Double) v.get("lr");
            int hidden = (Integer) v.get("hidden");
            assertTrue(lr >= 1e-3 && lr <= 1e-1 && hidden >= 400 && hidden <= 600 && (Integer) v.get("epochs") == 20,
                    v.toString());
        }
    }

    @Test
    void anEmptySpaceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NamedValuesSpace(Map.of()));
    }
}
