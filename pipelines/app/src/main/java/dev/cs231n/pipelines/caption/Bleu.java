package dev.cs231n.pipelines.caption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU-1..4 as the COCO caption evaluation computes it ({@code pycocoevalcap/bleu/bleu_scorer.py},
 * {@code compute_score(option='closest')}): for every candidate, its n-gram counts clipped by the maximum count of
 * that n-gram in any one of its references, and the reference length closest to its length (ties to the shorter);
 * the totals over the corpus give
 * <pre>
 * BLEU-n = (prod_{k=1..n} (correct_k + 1e-15) / (guess_k + 1e-9))^(1/n) * BP,
 * BP = exp(1 - reflen / testlen) when testlen &lt; reflen, else 1
 * </pre>
 * (the ratio inside BP also carries the scorer's 1e-15 / 1e-9). Unlike NLTK's {@code corpus_bleu} without
 * smoothing, an order with no match gives a tiny positive value, not 0.
 *
 * <p>Captions are token lists (the course's {@code CaptionText.words}, i.e. lower-case without punctuation; the COCO
 * evaluation runs the PTB tokenizer first, which on such text splits the same way).
 */
public final class Bleu {

    /** The highest n-gram order. */
    public static final int MAX_ORDER = 4;
    private static final double TINY = 1e-15;
    private static final double SMALL = 1e-9;

    /**
     * The corpus totals behind the scores.
     *
     * @param testlen total candidate length
     * @param reflen  total closest reference length
     * @param guess   {@code guess[k]}: candidate n-grams of order k + 1
     * @param correct {@code correct[k]}: clipped matches of order k + 1
     */
    public record Counts(long testlen, long reflen, long[] guess, long[] correct) {
    }

    /**
     * The scores with their counts.
     *
     * @param bleu   {@code bleu[n-1]} = BLEU-n, n = 1..4
     * @param counts the corpus totals
     */
    public record Result(double[] bleu, Counts counts) {
        /**
         * @param n the order, 1..4
         * @return BLEU-n
         */
        public double bleu(int n) {
            if (n < 1 || n > MAX_ORDER) {
                throw new IllegalArgumentException("BLEU order must be 1.." + MAX_ORDER + ", got " + n);
            }
            return bleu[n - 1];
        }
    }

    private Bleu() {
    }

    /**
     * @param candidates {@code candidates[i]}: the generated caption i as tokens
     * @param references {@code references[i]}: every reference caption of candidate i, as tokens (at least one)
     * @return corpus BLEU-1..4 and the counts
     * @throws IllegalArgumentException when the lists differ in size, are empty, or a candidate has no reference
     */
    public static Result corpus(List<List<String>> candidates, List<List<List<String>>> references) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("BLEU: " + candidates.size() + " candidates but " + references.size()
                    + " reference lists");
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("BLEU: no candidates");
        }
        long testlen = 0;
        long reflen = 0;
        long[] guess = new long[MAX_ORDER];
        long[] correct = new long[MAX_ORDER];
        for (int i = 0; i < candidates.size(); i++) {
            List<String> cand = candidates.get(i);
            List<List<String>> refs = references.get(i);
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException("BLEU: candidate " + i + " " + cand + " has no reference");
            }
            Map<List<String>, Integer> maxRef = new HashMap<>();
            int closest = -1;
            for (List<String> ref : refs) {
                for (Map.Entry<List<String>, Integer> e : ngrams(ref).entrySet()) {
                    maxRef.merge(e.getKey(), e.getValue(), Math::max);
                }
                int len = ref.size();
                int d = Math.abs(len - cand.size());
                if (closest < 0 || d < Math.abs(closest - cand.size()) || (d == Math.abs(closest - cand.size())
                        && len < closest)) {
                    closest = len;
                }
            }
            testlen += cand.size();
            reflen += closest;
            for (int k = 1; k <= MAX_ORDER; k++) {
                guess[k - 1] += Math.max(0, cand.size() - k + 1);
            }
            for (Map.Entry<List<String>, Integer> e : ngrams(cand).entrySet()) {
                int clip = Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                correct[e.getKey().size() - 1] += clip;
            }
        }
        double[] bleu = new double[MAX_ORDER];
        double product = 1.0;
        for (int k = 0; k < MAX_ORDER; k++) {
            product *= (correct[k] + TINY) / (guess[k] + SMALL);
            bleu[k] = Math.pow(product, 1.0 / (k + 1));
        }
        double ratio = (testlen + TINY) / (reflen + SMALL);
        if (ratio < 1) {
            double bp = Math.exp(1 - 1 / ratio);
            for (int k = 0; k < MAX_ORDER; k++) {
                bleu[k] *= bp;
            }
        }
        return new Result(bleu, new Counts(testlen, reflen, guess, correct));
    }

    private static Map<List<String>, Integer> ngrams(List<String> words) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int k = 1; k <= MAX_ORDER; k++) {
            for (int i = 0; i + k <= words.size(); i++) {
                counts.merge(new ArrayList<>(words.subList(i, i + k)), 1, Integer::sum);
            }
        }
        return counts;
    }
}
