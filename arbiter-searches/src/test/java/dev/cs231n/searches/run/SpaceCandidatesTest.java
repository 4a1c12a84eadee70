package dev.cs231n.searches.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cs231n.searches.nets.FcNetSpace;
import dev.cs231n.searches.store.CandidateSpec;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Candidates from Arbiter's generators, stable by index, and rebuilt from their stored JSON alone (with the space
 * built again, and with the space read back from the stored space JSON).
 */
class SpaceCandidatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void gridCandidatesAreStableByIndexAndCoverTheGrid() throws Exception {
        SpaceCandidates<?> a = RunFixtures.candidates(Strategy.grid(2));
        // depth 2 x width 2 x lr 2 x reg 2 x batch_norm 2 x keep 2
        assertEquals(64, a.size());
        List<CandidateSpec> all = a.candidates(new Termination(1000, null));
        assertEquals(64, all.size());
        Set<String> points = new HashSet<>();
        for (CandidateSpec c : all) {
            points.add(JSON.readTree(c.hyperparametersJson()).get("point").toString());
        }
        assertEquals(64, points.size(), "every grid point once");
        SpaceCandidates<?> b = RunFixtures.candidates(Strategy.grid(2));
        assertEquals(a.spaceJson(), b.spaceJson(), "the same space gives the same stored JSON");
        for (int i : new int[] {63, 0, 17, 40}) {
            assertEquals(all.get(i), b.candidate(i), "grid candidate " + i);
        }
        assertEquals(all.subList(0, 10), b.candidates(new Termination(10, null)), "max candidates: a prefix");
        Set<Object> depths = new HashSet<>();
        Set<Object> norms = new HashSet<>();
        for (CandidateSpec c : all) {
            JsonNode v = JSON.readTree(c.hyperparametersJson());
            depths.add(v.get("depth").asInt());
            norms.add(v.get("batch_norm").asBoolean());
            double lr = v.get("lr").asDouble();
            assertTrue(Math.abs(lr - 1e-3) < 1e-9 || Math.abs(lr - 3e-2) < 1e-9, "log grid ends: " + lr);
        }
        assertEquals(Set.of(1, 2), depths);
        assertEquals(Set.of(false, true), norms);
    }

    @Test
    void randomCandidateIsTheSameWhateverWasGeneratedBefore() throws Exception {
        SpaceCandidates<?> a = RunFixtures.candidates(Strategy.random(11));
        List<CandidateSpec> first = a.candidates(new Termination(12, null));
        SpaceCandidates<?> b = RunFixtures.candidates(Strategy.random(11));
        assertEquals(first.get(9), b.candidate(9), "drawn alone");
        assertEquals(first.get(3), b.candidate(3), "drawn after a later one");
        assertEquals(first, b.candidates(new Termination(12, null)));
        assertEquals(first.subList(0, 5), b.candidates(new Termination(5, null)), "a larger count extends the same");
        assertEquals(12, first.stream().map(CandidateSpec::hyperparametersJson).distinct().count());
        assertNotEquals(first.get(0), RunFixtures.candidates(Strategy.random(12)).candidate(0), "another seed");
        Set<Integer> widths = new HashSet<>();
        for (CandidateSpec c : first) {
            JsonNode v = JSON.readTree(c.hyperparametersJson());
            double lr = v.get("lr").asDouble();
            double keep = v.get("keep_prob").asDouble();
            assertTrue(lr >= 1e-3 && lr <= 3e-2 && keep >= 0.7 && keep <= 1.0, c.hyperparametersJson());
            widths.add(v.get("width").asInt());
        }
        assertEquals(Set.of(8, 16), widths);
    }

    @Test
    void candidateIsRebuiltFromItsJsonAndFromTheStoredSpace() throws Exception {
        SpaceCandidates<?> made = RunFixtures.candidates(Strategy.random(3));
        String spaceJson = made.spaceJson();
        for (int i = 0; i < 8; i++) {
            CandidateSpec spec = made.candidate(i);
            JsonNode v = JSON.readTree(spec.hyperparametersJson());
            MultiLayerConfiguration direct = ((DL4JConfiguration) made.rebuild(spec.hyperparametersJson()))
                    .getMultiLayerConfiguration();
            SpaceCandidates<?> fresh = RunFixtures.candidates(Strategy.random(3));
            MultiLayerConfiguration again = ((DL4JConfiguration) fresh.rebuild(spec.hyperparametersJson()))
                    .getMultiLayerConfiguration();
            MultiLayerConfiguration stored = ((DL4JConfiguration) SpaceCandidates.rebuildFromStoredSpace(spaceJson,
                    spec.hyperparametersJson())).getMultiLayerConfiguration();
            assertEquals(direct.toJson(), again.toJson(), "candidate " + i + " from a space built again");
            assertEquals(direct.toJson(), stored.toJson(), "candidate " + i + " from the stored space JSON");
            int depth = v.get("depth").asInt();
            boolean bn = v.get("batch_norm").asBoolean();
            assertEquals(depth * (bn ? 4 : 3) + 1, direct.getConfs().size(), "layers of " + v);
            String conf = direct.toJson();
            assertTrue(conf.contains(Double.toString(v.get("keep_prob").asDouble())), "keep prob in the net");
        }
    }

    @Test
    void badPointsAndNamesAreRefusedWithTheReason() {
        SpaceCandidates<?> made = RunFixtures.candidates(Strategy.random(3));
        IllegalArgumentException shortPoint = assertThrows(IllegalArgumentException.class,
                () -> made.rebuild("{\"point\":[0.5]}"));
        assertTrue(shortPoint.getMessage().contains("array of " + made.dimension()), shortPoint.getMessage());
        assertThrows(IllegalArgumentException.class, () -> made.rebuild("{\"lr\":0.1}"));
        FcNetSpace s = RunFixtures.smallFcNet();
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> SpaceCandidates.of(
                s.space(), Map.of("lr", new ContinuousParameterSpace(0, 1)), Strategy.random(1)));
        assertTrue(foreign.getMessage().contains("not a leaf"), foreign.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpaceCandidates.of(s.space(),
                Map.of("point", s.named().get("lr")), Strategy.random(1)));
    }
}
