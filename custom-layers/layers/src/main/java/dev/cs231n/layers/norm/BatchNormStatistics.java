package dev.cs231n.layers.norm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Recomputes the running statistics of every {@link BatchNorm} layer of a network from data: training-mode forward
 * passes over up to {@code maxBatches} minibatches, each layer's running mean and variance set to the average of
 * the minibatches' statistics weighted by their sizes (the same per-batch statistics as training, so the biased
 * variance; dropout and other training-mode behaviour as in training). Only the running statistics change: no
 * weight, no updater state. This is what PyTorch's {@code torch.optim.swa_utils.update_bn} does.
 *
 * <p>Needed wherever the network that is kept never ran the training-mode forward passes itself, so that the
 * in-place updates of the running statistics ({@link BatchNorm}) were made on other copies: DL4J's gradient sharing
 * on Spark ({@code SharedTrainingMaster}) sends only the threshold-encoded updates of the trained parameters between
 * copies, so the kept network's running statistics
 * stay at their initial mean 0, variance 1, and its inference-mode outputs are wrong (measured: the project's fc-net
 * on CIFAR-10, two epochs of gradient sharing on Spark: validation accuracy 0.390 and a loss of 14.2 on a training
 * sample; with this recomputation after each epoch 0.498 and 1.46, one JVM 0.500). Call it after such a training,
 * or after each of its epochs.
 *
 * <p>It changes each BatchNorm's momentum during the passes and restores it before returning: do not train or
 * serialise the network from another thread meanwhile.
 */
public final class BatchNormStatistics {

    private BatchNormStatistics() {
    }

    /**
     * @param net        the network
     * @param data       minibatches, as in training (reset first when it supports it)
     * @param maxBatches at most this many minibatches are used, at least 1
     * @return the number of examples the statistics were computed on (0 when the network has no BatchNorm layer:
     *         then no data is read)
     * @throws IllegalArgumentException when the network has BatchNorm layers but the data has no example
     */
    public static long recompute(MultiLayerNetwork net, DataSetIterator data, int maxBatches) {
        Objects.requireNonNull(data, "data");
        return recompute(layers(net.getLayers()), maxBatches, data::hasNext, () -> {
            DataSet d = data.next();
            return new Batch(d.getFeatures().size(0),
                    () -> net.output(d.getFeatures(), true, d.getFeaturesMaskArray(), d.getLabelsMaskArray()));
        }, data.resetSupported() ? data::reset : () -> { });
    }

    /**
     * @param net        the graph
     * @param data       minibatches, as in training (reset first when it supports it)
     * @param maxBatches at most this many minibatches are used, at least 1
     * @return the number of examples the statistics were computed on (0 when the graph has no BatchNorm layer)
     * @throws IllegalArgumentException when the graph has BatchNorm layers but the data has no example
     */
    public static long recompute(ComputationGraph net, MultiDataSetIterator data, int maxBatches) {
        Objects.requireNonNull(data, "data");
        return recompute(layers(net.getLayers()), maxBatches, data::hasNext, () -> {
            MultiDataSet d = data.next();
            return new Batch(d.getFeatures(0).size(0),
                    () -> net.output(true, d.getFeatures(), d.getFeaturesMaskArrays(), d.getLabelsMaskArrays()));
        }, data.resetSupported() ? data::reset : () -> { });
    }

    /** @return the configurations of the network's BatchNorm layers, in order */
    static List<BatchNorm> layers(Layer[] layers) {
        List<BatchNorm> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l.conf() != null && l.conf().getLayer() instanceof BatchNorm b) {
                out.add(b);
            }
        }
        return out;
    }

    /** A minibatch: its number of examples, and its training-mode forward pass. */
    private record Batch(long size, Runnable forward) {
    }

    private static long recompute(List<BatchNorm> bns, int maxBatches, BooleanSupplier hasNext, Supplier<Batch> next,
                                  Runnable reset) {
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches must be >= 1, got " + maxBatches);
        }
        if (bns.isEmpty()) {
            return 0;
        }
        double[] momenta = new double[bns.size()];
        for (int i = 0; i < momenta.length; i++) {
            momenta[i] = bns.get(i).getMomentum();
        }
        reset.run();
        long seen = 0;
        try {
            for (int b = 0; b < maxBatches && hasNext.getAsBoolean(); b++) {
                Batch batch = next.get();
                if (batch.size() == 0) {
                    continue;
                }
                // running = m * running + (1 - m) * batch with m = seen / (seen + n): afterwards running is the mean,
                // over every example so far, of its minibatch's statistic (m = 0 first: the old values are dropped)
                double m = seen / (double) (seen + batch.size());
                for (BatchNorm bn : bns) {
                    bn.setMomentum(m);
                }
                batch.forward().run();
                seen += batch.size();
            }
        } finally {
            for (int i = 0; i < momenta.length; i++) {
                bns.get(i).setMomentum(momenta[i]);
            }
        }
        if (seen == 0) {
            throw new IllegalArgumentException("no example to compute the BatchNorm statistics on: the data is empty");
        }
        return seen;
    }
}
