package dev.cs231n.pipelines.caption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Caption decoding for the captioning graphs of {@code custom-layers} ({@code CaptioningRnn},
 * {@code CaptioningTransformer}): inputs {@code features [N, F]} and {@code captions_in [N, t]} (token indices in the
 * graph's data type), one softmax output {@code [N, V, t]}. Both models are causal, so the scores of step t depend
 * only on the first t tokens; the sampler runs the graph in inference mode on the prefix generated so far and reads
 * the last step (no hidden state is carried between calls: one forward pass of length 1..maxLength per step).
 *
 * <ul>
 * <li>{@link #greedy}: the course's {@code sample}: starting from {@code <START>}, the most likely next token at
 * every step, at most {@code maxLength} tokens; a caption stops at its first {@code <END>} (the course fills the
 * rest and {@code decode_captions} drops it; the result is the same).</li>
 * <li>{@link #beam}: beam search of a given width on the sum of log-probabilities (no length normalisation);
 * a hypothesis ending in {@code <END>} is finished; the search stops when {@code width} hypotheses are finished or
 * the length reaches {@code maxLength} (then unfinished ones compete too). Width 1 is greedy decoding.</li>
 * </ul>
 * Returned captions are the generated tokens after {@code <START>}, without {@code <END>}.
 */
public final class CaptionSampler {

    private final ComputationGraph net;
    private final int startToken;
    private final int endToken;
    private final int maxLength;

    /**
     * @param net        a trained captioning graph (inputs features, captions_in; softmax output NCW)
     * @param startToken the {@code <START>} index
     * @param endToken   the {@code <END>} index
     * @param maxLength  the most tokens generated per caption (the course's: 30; at most the model's input length)
     */
    public CaptionSampler(ComputationGraph net, int startToken, int endToken, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("CaptionSampler: maxLength must be at least 1, got " + maxLength);
        }
        this.net = net;
        this.startToken = startToken;
        this.endToken = endToken;
        this.maxLength = maxLength;
    }

    /** Log-probabilities {@code [N, V]} of the next token after each row's prefix. */
    private double[][] nextLogProbs(INDArray features, int[][] prefixes) {
        int n = prefixes.length;
        int t = prefixes[0].length;
        INDArray tokens = Nd4j.create(net.getConfiguration().getDataType(), n, t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                tokens.putScalar(i, j, prefixes[i][j]);
            }
        }
        // no masks: a label mask left by an earlier score() or fit() would be applied to these outputs
        net.clearLayerMaskArrays();
        INDArray probs = net.output(false, new INDArray[] {features, tokens}, null, null)[0];
        INDArray last = probs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t - 1));
        double[][] out = last.toDoubleMatrix();
        for (double[] row : out) {
            for (int v = 0; v < row.length; v++) {
                row[v] = Math.log(Math.max(row[v], Double.MIN_NORMAL));
            }
        }
        return out;
    }

    /**
     * The course's greedy sampling.
     *
     * @param features {@code [N, F]} image features
     * @return N token lists (after {@code <START>}, without {@code <END>})
     */
    public List<int[]> greedy(INDArray features) {
        int n = (int) features.size(0);
        int[][] prefixes = new int[n][1];
        boolean[] done = new boolean[n];
        for (int[] p : prefixes) {
            p[0] = startToken;
        }
        for (int step = 0; step < maxLength; step++) {
            double[][] lp = nextLogProbs(features, prefixes);
            boolean all = true;
            for (int i = 0; i < n; i++) {
                int next = done[i] ? endToken : argmax(lp[i]);
                prefixes[i] = Arrays.copyOf(prefixes[i], prefixes[i].length + 1);
                prefixes[i][prefixes[i].length - 1] = next;
                done[i] |= next == endToken;
                all &= done[i];
            }
            if (all) {
                break;
            }
        }
        List<int[]> out = new ArrayList<>(n);
        for (int[] p : prefixes) {
            out.add(strip(p));
        }
        return out;
    }

    /** A hypothesis: tokens from {@code <START>} and the sum of their log-probabilities. */
    record Hypothesis(int[] tokens, double logProb) {
        boolean finished(int end) {
            return tokens.length > 1 && tokens[tokens.length - 1] == end;
        }
    }

    /**
     * Beam search: every image's live hypotheses advanced together, one forward pass per step for all images.
     *
     * @param features {@code [N, F]} image features
     * @param width    the beam width (1 = greedy)
     * @return N token lists (after {@code <START>}, without {@code <END>})
     */
    public List<int[]> beam(INDArray features, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("CaptionSampler: beam width must be at least 1, got " + width);
        }
        if (width == 1) {
            // the same captions (CaptionSamplerTest checks beamOne(width 1) against greedy), batched over images
            return greedy(features);
        }
        List<int[]> out = new ArrayList<>();
        for (Hypothesis h : beams(features, width)) {
            out.add(strip(h.tokens()));
        }
        return out;
    }

    /**
     * @param feature {@code [1, F]}
     * @param width   the beam width
     * @return the best hypothesis (tokens from {@code <START>}) and its log-probability
     */
    Hypothesis beamOne(INDArray feature, int width) {
        return beams(feature, width).get(0);
    }

    /** One image's beam: its live and finished hypotheses. */
    private final class Beam {
        List<Hypothesis> live = List.of(new Hypothesis(new int[] {startToken}, 0.0));
        final List<Hypothesis> finished = new ArrayList<>();

        boolean done(int width) {
            return finished.size() >= width || live.isEmpty();
        }

        /** Advances every live hypothesis by its {@code width} most likely tokens, keeps the best {@code width}. */
        void advance(double[][] lp, int from, int width) {
            List<Hypothesis> candidates = new ArrayList<>();
            for (int b = 0; b < live.size(); b++) {
                int[] prefix = live.get(b).tokens();
                for (int v : topK(lp[from + b], width)) {
                    int[] t = Arrays.copyOf(prefix, prefix.length + 1);
                    t[t.length - 1] = v;
                    candidates.add(new Hypothesis(t, live.get(b).logProb() + lp[from + b][v]));
                }
            }
            candidates.sort(Comparator.comparingDouble(Hypothesis::logProb).reversed());
            List<Hypothesis> next = new ArrayList<>();
            for (Hypothesis h : candidates) {
                if (next.size() + finished.size() >= width) {
                    break;
                }
                if (h.finished(endToken)) {
                    finished.add(h);
                } else {
                    next.add(h);
                }
            }
            live = next;
        }

        Hypothesis best(int width) {
            List<Hypothesis> pool = new ArrayList<>(finished);
            if (finished.size() < width) {
                pool.addAll(live);
            }
            return pool.stream().max(Comparator.comparingDouble(Hypothesis::logProb)).orElseThrow();
        }
    }

    /**
     * @param features {@code [N, F]}
     * @param width    the beam width
     * @return per image, its best hypothesis (tokens from {@code <START>}) and its log-probability
     */
    private List<Hypothesis> beams(INDArray features, int width) {
        int n = (int) features.size(0);
        List<Beam> beams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            beams.add(new Beam());
        }
        for (int step = 0; step < maxLength; step++) {
            // all live hypotheses have step + 1 tokens: one batch of every unfinished image's hypotheses
            List<int[]> prefixes = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Beam b = beams.get(i);
                if (!b.done(width)) {
                    for (Hypothesis h : b.live) {
                        prefixes.add(h.tokens());
                        rows.add(i);
                    }
                }
            }
            if (prefixes.isEmpty()) {
                break;
            }
            int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
            INDArray feats = features.getRows(r);
            double[][] lp = nextLogProbs(feats, prefixes.toArray(int[][]::new));
            int from = 0;
            for (int i = 0; i < n; i++) {
                Beam b = beams.get(i);
                if (!b.done(width)) {
                    int k = b.live.size();
                    b.advance(lp, from, width);
                    from += k;
                }
            }
        }
        List<Hypothesis> out = new ArrayList<>();
        for (Beam b : beams) {
            out.add(b.best(width));
        }
        return out;
    }

    /**
     * @param feature {@code [1, F]}
     * @param tokens  a caption after {@code <START>} (with its {@code <END>} if it has one)
     * @return the sum of the log-probabilities of its tokens
     */
    double logProb(INDArray feature, int[] tokens) {
        double sum = 0;
        int[] prefix = {startToken};
        for (int v : tokens) {
            sum += nextLogProbs(feature, new int[][] {prefix})[0][v];
            prefix = Arrays.copyOf(prefix, prefix.length + 1);
            prefix[prefix.length - 1] = v;
        }
        return sum;
    }

    private int[] strip(int[] withStart) {
        int end = 1;
        while (end < withStart.length && withStart[end] != endToken) {
            end++;
        }
        return Arrays.copyOfRange(withStart, 1, end);
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int v = 1; v < row.length; v++) {
            if (row[v] > row[best]) {
                best = v;
            }
        }
        return best;
    }

    private static int[] topK(double[] row, int k) {
        Integer[] idx = new Integer[row.length];
        for (int v = 0; v < row.length; v++) {
            idx[v] = v;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(row[b], row[a]));
        int m = Math.min(k, row.length);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
