package dev.cs231n.pipelines.caption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@link Bleu} against {@code fixtures/bleu.json} (its {@code coco_bleu} and counts) and hand-computed cases. */
class BleuTest {

    private static List<String> words(String s) {
        return List.of(s.split(" "));
    }

    private static List<String> tokens(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(t -> out.add(t.asText()));
        return out;
    }

    @Test
    void matchesTheCocoEvaluationOnEveryFixtureCase() throws Exception {
        JsonNode root;
        try (InputStream in = BleuTest.class.getResourceAsStream("/fixtures/bleu.json")) {
            assertTrue(in != null, "fixtures/bleu.json is not on the test classpath");
            root = new ObjectMapper().readTree(in);
        }
        int cases = 0;
        for (JsonNode c : root.get("cases")) {
            String what = "bleu.json case " + cases + " (" + c.get("description").asText() + ")";
            List<List<String>> cands = new ArrayList<>();
            c.get("candidates").forEach(n -> cands.add(tokens(n)));
            List<List<List<String>>> refs = new ArrayList<>();
            for (JsonNode r : c.get("references")) {
                List<List<String>> one = new ArrayList<>();
                r.forEach(n -> one.add(tokens(n)));
                refs.add(one);
            }
            Bleu.Result r = Bleu.corpus(cands, refs);
            JsonNode counts = c.get("counts");
            assertEquals(counts.get("testlen").asLong(), r.counts().testlen(), what + ": testlen");
            assertEquals(counts.get("reflen").asLong(), r.counts().reflen(), what + ": reflen");
            for (int k = 0; k < Bleu.MAX_ORDER; k++) {
                assertEquals(counts.get("guess").get(k).asLong(), r.counts().guess()[k], what + ": guess " + k);
                assertEquals(counts.get("correct").get(k).asLong(), r.counts().correct()[k],
                        what + ": correct " + k);
                double expected = c.get("coco_bleu").get(k).asDouble();
                assertEquals(expected, r.bleu(k + 1), 1e-12 * Math.max(1e-9, Math.abs(expected)) + 1e-15,
                        what + ": BLEU-" + (k + 1));
            }
            cases++;
        }
        assertTrue(cases >= 6, "expected at least 6 fixture cases, read " + cases);
    }

    @Test
    void handComputedBrevityPenalty() {
        // "the cat" against "the cat sat": every 1- and 2-gram matches, testlen 2 < reflen 3, BP = exp(1 - 3/2)
        Bleu.Result r = Bleu.corpus(List.of(words("the cat")), List.of(List.of(words("the cat sat"))));
        assertEquals(Math.exp(-0.5), r.bleu(1), 1e-9);
        assertEquals(Math.exp(-0.5), r.bleu(2), 1e-9);
        // no 3-gram in a 2-word candidate: 1e-15 / 1e-9 under the cube root
        assertEquals(Math.cbrt(1e-6) * Math.exp(-0.5), r.bleu(3), 1e-9);
    }

    @Test
    void handComputedClippingAndClosestReference() {
        // "the the the" against "the cat" and "a the the dog mat": the most "the" in one reference is 2, so 2 of 3
        // unigrams match; bigram "the the" once in the second reference, 1 of 2. Closest lengths: 2 (|3-2| = 1)
        // and 5 (2) -> 2; testlen 3 > 2, no brevity penalty.
        Bleu.Result r = Bleu.corpus(List.of(words("the the the")),
                List.of(List.of(words("the cat"), words("a the the dog mat"))));
        assertEquals(2, r.counts().reflen());
        assertArrayEquals(new long[] {2, 1, 0, 0}, r.counts().correct());
        assertEquals(2.0 / 3, r.bleu(1), 1e-9);
        assertEquals(Math.sqrt(2.0 / 3 * 0.5), r.bleu(2), 1e-9);
    }

    @Test
    void corpusLevelIsNotTheMeanOfSentences() {
        // two candidates: one perfect (4 words), one with no match (2 words): corpus BLEU-1 = 4/6
        Bleu.Result r = Bleu.corpus(List.of(words("a b c d"), words("x y")),
                List.of(List.of(words("a b c d")), List.of(words("p q"))));
        assertEquals(4.0 / 6, r.bleu(1), 1e-9);
    }

    @Test
    void refusesMismatchedOrMissingReferences() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of(words("a")), List.of()));
        assertTrue(e.getMessage().contains("1 candidates but 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of(words("a")), List.of(List.of())));
        assertTrue(e.getMessage().contains("candidate 0"), e.getMessage());
    }
}
