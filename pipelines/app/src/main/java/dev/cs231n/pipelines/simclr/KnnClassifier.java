package dev.cs231n.pipelines.simclr;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The weighted cosine kNN classifier customary for monitoring and evaluating self-supervised representations (Wu et
 * al. 2018, used by SimCLR and MoCo code bases): features are L2-normalised; each query takes its {@code k} most
 * similar bank entries and votes for their classes with weight {@code exp(similarity / t)} (t = 0.1); the class with
 * the largest total wins.
 */
public final class KnnClassifier {

    /** The customary neighbourhood. */
    public static final int DEFAULT_K = 200;
    /** The customary temperature of the vote weights. */
    public static final double DEFAULT_TEMPERATURE = 0.1;

    private static final int QUERY_CHUNK = 256;
    private static final int CLASSES = 10;

    private final INDArray bank;
    private final int[] bankLabels;
    private final int k;
    private final double temperature;

    /**
     * @param bankFeatures the labelled bank {@code [M, D]}
     * @param bankLabels   its classes 0..9
     * @param k            neighbours, 1..M
     * @param temperature  vote temperature, positive
     */
    public KnnClassifier(INDArray bankFeatures, int[] bankLabels, int k, double temperature) {
        if (bankFeatures.size(0) != bankLabels.length) {
            throw new IllegalArgumentException("kNN bank has " + bankFeatures.size(0) + " rows and "
                    + bankLabels.length + " labels");
        }
        if (k < 1 || k > bankLabels.length || !(temperature > 0)) {
            throw new IllegalArgumentException("kNN needs 1 <= k <= " + bankLabels.length + " and t > 0, got k = " + k
                    + ", t = " + temperature);
        }
        this.bank = unit(bankFeatures);
        this.bankLabels = bankLabels.clone();
        this.k = k;
        this.temperature = temperature;
    }

    static INDArray unit(INDArray x) {
        INDArray f = x.castTo(DataType.FLOAT).dup('c');
        INDArray n = f.norm2(1).reshape(f.size(0), 1).addi(1e-12);
        return f.diviColumnVector(n);
    }

    /**
     * @param queries features {@code [Q, D]}
     * @return the predicted class of each query
     */
    public int[] predict(INDArray queries) {
        INDArray q = unit(queries);
        int nq = (int) q.size(0);
        int m = bankLabels.length;
        int[] pred = new int[nq];
        int[] top = new int[k];
        for (int from = 0; from < nq; from += QUERY_CHUNK) {
            int to = Math.min(nq, from + QUERY_CHUNK);
            float[] sim = q.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).mmul(bank.transpose())
                    .dup('c').data().asFloat();
            for (int i = 0; i < to - from; i++) {
                int base = i * m;
                int found = topK(sim, base, m, top);
                double[] votes = new double[CLASSES];
                for (int t = 0; t < found; t++) {
                    votes[bankLabels[top[t]]] += Math.exp(sim[base + top[t]] / temperature);
                }
                int best = 0;
                for (int c = 1; c < CLASSES; c++) {
                    if (votes[c] > votes[best]) {
                        best = c;
                    }
                }
                pred[from + i] = best;
            }
        }
        return pred;
    }

    /**
     * @param queries features {@code [Q, D]}
     * @param labels  their classes
     * @return the fraction predicted right
     */
    public double accuracy(INDArray queries, int[] labels) {
        int[] p = predict(queries);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == labels[i] ? 1 : 0;
        }
        return right / (double) p.length;
    }

    /** Indices of the k largest of {@code sim[base .. base + m)} into {@code top} (a min-heap), in no order. */
    private int topK(float[] sim, int base, int m, int[] top) {
        int size = 0;
        for (int j = 0; j < m; j++) {
            float v = sim[base + j];
            if (size < k) {
                top[size] = j;
                siftUp(sim, base, top, size++);
            } else if (v > sim[base + top[0]]) {
                top[0] = j;
                siftDown(sim, base, top, size);
            }
        }
        return size;
    }

    private static void siftUp(float[] sim, int base, int[] h, int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (sim[base + h[i]] >= sim[base + h[p]]) {
                return;
            }
            int t = h[i];
            h[i] = h[p];
            h[p] = t;
            i = p;
        }
    }

    private static void siftDown(float[] sim, int base, int[] h, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int s = i;
            if (l < size && sim[base + h[l]] < sim[base + h[s]]) {
                s = l;
            }
            if (r < size && sim[base + h[r]] < sim[base + h[s]]) {
                s = r;
            }
            if (s == i) {
                return;
            }
            int t = h[i];
            h[i] = h[s];
            h[s] = t;
            i = s;
        }
    }
}
