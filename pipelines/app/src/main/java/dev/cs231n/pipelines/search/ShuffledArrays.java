package dev.cs231n.pipelines.search;

import java.util.List;
import java.util.Random;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Minibatches of an in-memory {@link DataSet} (e.g. image features), in a new seeded order after every
 * {@link #reset()} (the order of pass {@code k} depends only on the seed and {@code k}), or in order.
 */
final class ShuffledArrays implements DataSetIterator {

    private final DataSet data;
    private final int batch;
    private final boolean shuffle;
    private final long seed;
    private int pass;
    private int[] order;
    private int cursor;
    private DataSetPreProcessor pre;

    ShuffledArrays(DataSet data, int batch, boolean shuffle, long seed) {
        this.data = data;
        this.batch = batch;
        this.shuffle = shuffle;
        this.seed = seed;
        reset();
    }

    @Override
    public DataSet next(int num) {
        int n = Math.min(num, order.length - cursor);
        int[] rows = java.util.Arrays.copyOfRange(order, cursor, cursor + n);
        cursor += n;
        DataSet d = new DataSet(data.getFeatures().getRows(rows), data.getLabels().getRows(rows));
        if (pre != null) {
            pre.preProcess(d);
        }
        return d;
    }

    @Override
    public int inputColumns() {
        return (int) data.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) data.getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        int n = data.numExamples();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random r = new Random(seed * 1_000_003L + pass);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        pass++;
        cursor = 0;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.pre = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return pre;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batch);
    }
}
