package dev.cs231n.datavec.cifar.augment;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.Shuffles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SimCLR minibatches of two views per image, for a network ending in an NT-Xent loss: each {@link DataSet} holds
 * features {@code [2N, 3, 32, 32]} (FLOAT, NCHW, normalised), the N view-1 images first and then the N view-2 images
 * in the same order, and labels {@code [2N, 1]} of zeros (the loss needs none; DL4J takes the minibatch size from
 * them). The images' class labels are never read.
 *
 * <p>Order and views are a function of {@code (seed, epoch)}: {@link #setEpoch} selects the epoch (its shuffle and
 * each image's random source, {@code SplittableRandom(mix(seed, epoch, image index))}), so a resumed run sees
 * exactly what an uninterrupted one would, whatever the batch size or the threads. The last incomplete minibatch of
 * an epoch is dropped (every minibatch has exactly N pairs). Minibatches are rendered ahead on a background thread
 * ({@code prefetch} of them, default 2) while the network trains on the current one; {@link #waitSeconds()} tells
 * how long the consumer waited for data and {@link #renderSeconds()} how long rendering took.
 */
public final class SimClrPairIterator implements DataSetIterator, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final CifarDataset data;
    private final int pairs;
    private final SimClrViews views;
    private final long seed;
    private final int prefetch;
    private final int batches;
    private final transient ExecutorService worker;
    private final transient ArrayDeque<Future<DataSet>> ahead = new ArrayDeque<>();
    private final AtomicLong renderNanos = new AtomicLong();
    private final AtomicLong renderedPairs = new AtomicLong();
    private long waitNanos;
    private int epoch;
    private int[] order;
    private int nextBatch;
    private int submitted;
    private DataSetPreProcessor preProcessor;

    /**
     * @param data     the images (labels unused)
     * @param pairs    images (pairs) per minibatch N, at least 2 and at most the number of images
     * @param views    the augmentation
     * @param seed     seed of the shuffles and views
     * @param prefetch minibatches rendered ahead, at least 0 (0 renders on the caller's thread)
     */
    public SimClrPairIterator(CifarDataset data, int pairs, SimClrViews views, long seed, int prefetch) {
        if (pairs < 2 || pairs > data.size()) {
            throw new IllegalArgumentException("SimCLR minibatches need between 2 and " + data.size()
                    + " images (pairs), got " + pairs);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
        }
        this.data = data;
        this.pairs = pairs;
        this.views = views;
        this.seed = seed;
        this.prefetch = prefetch;
        this.batches = data.size() / pairs;
        this.worker = prefetch == 0 ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "simclr-views");
            t.setDaemon(true);
            return t;
        });
        setEpoch(0);
    }

    /**
     * Starts epoch {@code e} from its first minibatch.
     *
     * @param e the epoch, from 0
     */
    public void setEpoch(int e) {
        cancelAhead();
        this.epoch = e;
        this.order = Shuffles.permutation(data.size(), Shuffles.epochSeed(seed, e));
        this.nextBatch = 0;
        this.submitted = 0;
    }

    /** @return the current epoch */
    public int epoch() {
        return epoch;
    }

    /** @return minibatches per epoch */
    public int batchesPerEpoch() {
        return batches;
    }

    /** @return seconds {@link #next()} has waited for a minibatch that was not ready yet */
    public double waitSeconds() {
        return waitNanos / 1e9;
    }

    /** @return seconds spent rendering views (on the background thread, or the caller's with prefetch 0) */
    public double renderSeconds() {
        return renderNanos.get() / 1e9;
    }

    /** @return pairs rendered so far (including minibatches rendered ahead and then discarded) */
    public long renderedPairs() {
        return renderedPairs.get();
    }

    /**
     * The random source of one image's two views in one epoch.
     *
     * @param seed  the iterator's seed
     * @param epoch the epoch
     * @param image the image's index in the dataset
     * @return a fresh source
     */
    public static SplittableRandom imageRandom(long seed, int epoch, int image) {
        return new SplittableRandom(Shuffles.epochSeed(Shuffles.epochSeed(seed, epoch), image));
    }

    /**
     * Renders minibatch {@code b} of epoch {@code e} of this iterator's order (deterministic, thread-safe).
     */
    private DataSet render(int e, int[] ord, int b) {
        long t0 = System.nanoTime();
        int n = pairs;
        int size = CifarFormat.IMAGE_BYTES;
        float[] out = new float[2 * n * size];
        byte[] image = new byte[size];
        float[] work = new float[2 * size];
        for (int k = 0; k < n; k++) {
            int idx = ord[b * n + k];
            data.copyImageBytes(idx, image, 0);
            SplittableRandom r = imageRandom(seed, e, idx);
            views.apply(views.sample(r), image, 0, out, k * size, work);
            views.apply(views.sample(r), image, 0, out, (n + k) * size, work);
        }
        INDArray features = Nd4j.create(out, new long[] {2L * n, CifarFormat.CHANNELS, CifarFormat.HEIGHT,
                CifarFormat.WIDTH}, 'c');
        DataSet ds = new DataSet(features, Nd4j.zeros(DataType.FLOAT, 2L * n, 1));
        renderNanos.addAndGet(System.nanoTime() - t0);
        renderedPairs.addAndGet(n);
        return ds;
    }

    private void fillAhead() {
        while (worker != null && submitted < batches && ahead.size() < prefetch + 1) {
            final int e = epoch;
            final int[] ord = order;
            final int b = submitted++;
            ahead.add(worker.submit(() -> render(e, ord, b)));
        }
    }

    private void cancelAhead() {
        for (Future<DataSet> f : ahead) {
            f.cancel(false);
        }
        ahead.clear();
    }

    @Override
    public boolean hasNext() {
        return nextBatch < batches;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has " + batches + " minibatches");
        }
        DataSet ds;
        if (worker == null) {
            ds = render(epoch, order, nextBatch);
        } else {
            fillAhead();
            Future<DataSet> f = ahead.poll();
            long t0 = System.nanoTime();
            try {
                ds = f.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for SimCLR views", ex);
            } catch (ExecutionException ex) {
                throw new IllegalStateException("rendering SimCLR views failed: " + ex.getCause(), ex.getCause());
            }
            waitNanos += System.nanoTime() - t0;
        }
        nextBatch++;
        fillAhead();
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("SimClrPairIterator has a fixed minibatch of " + pairs + " pairs");
    }

    @Override
    public int inputColumns() {
        return CifarFormat.IMAGE_BYTES;
    }

    @Override
    public int totalOutcomes() {
        return 1;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** The iterator renders ahead itself: DL4J must not wrap it in another asynchronous iterator. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Restarts the current epoch from its first minibatch (same order and views). */
    @Override
    public void reset() {
        setEpoch(epoch);
    }

    /** @return rows of each minibatch, {@code 2N} */
    @Override
    public int batch() {
        return 2 * pairs;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor p) {
        this.preProcessor = p;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    /** Stops the background thread. */
    @Override
    public void close() {
        cancelAhead();
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
