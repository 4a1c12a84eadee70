package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.norm.NormNets.Kind;
import org.deeplearning4j.datasets.iterator.IteratorDataSetIterator;
import org.deeplearning4j.datasets.iterator.IteratorMultiDataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@link BatchNormStatistics}: the running statistics become the size-weighted mean of the minibatches' statistics
 * (the layer below's output, features far from mean 0 / variance 1 so that the initial values would show), only the
 * first {@code maxBatches} minibatches count, nothing else changes, the momentum is restored.
 */
@ExtendWith(OneNativeThread.class)
class BatchNormStatisticsTest {

    private static final double EXACT = 1e-10;
    /** Minibatch sizes: unequal, so that weighting by size matters. */
    private static final int[] SIZES = {16, 16, 5};

    private static List<DataSet> data(Kind kind, int[] sizes) {
        List<DataSet> out = new ArrayList<>();
        for (int n : sizes) {
            // scale 10, offset 3: the layer below's pre-activations are far from the initial running mean 0, var 1
            INDArray x = NormNets.features(kind, n, DataType.DOUBLE).muli(10).addi(3);
            out.add(new DataSet(x, NormNets.labels(n, DataType.DOUBLE)));
        }
        return out;
    }

    /** @return the size-weighted mean over the minibatches of the batch mean and biased variance BatchNorm sees */
    private static INDArray[] expected(Layer below, Kind kind, List<DataSet> batches) {
        INDArray mean = null;
        INDArray var = null;
        long total = 0;
        for (DataSet d : batches) {
            INDArray[] st = BatchNormRunningStatsTest.batchStats(below, kind, d.getFeatures());
            long n = d.getFeatures().size(0);
            mean = mean == null ? st[0].mul(n) : mean.addi(st[0].mul(n));
            var = var == null ? st[1].mul(n) : var.addi(st[1].mul(n));
            total += n;
        }
        return new INDArray[] {mean.divi(total), var.divi(total)};
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void multiLayerNetworkGetsTheDataStatistics(Kind kind) {
        Nd4j.getRandom().setSeed(50);
        MultiLayerNetwork net = NormNets.mln(kind, BatchNorm.builder().momentum(0.8).build(), new Sgd(0.1),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        List<DataSet> batches = data(kind, SIZES);
        INDArray below = net.getLayer(0).params().dup();
        INDArray gammaBeta = net.getLayer(1).getParam(BatchNorm.GAMMA_KEY).dup();
        long n = BatchNormStatistics.recompute(net, new ListDataSetIterator<>(batches, 1), 100);
        assertEquals(37, n);
        BatchNormRunningStatsTest.assertRunning("recomputed", expected(net.getLayer(0), kind, batches),
                net.getLayer(1));
        INDArray var = net.getLayer(1).getParam(BatchNorm.RUNNING_VAR_KEY);
        assertTrue(Math.abs(var.sub(1).maxNumber().doubleValue()) > 0.2
                || Math.abs(var.sub(1).minNumber().doubleValue()) > 0.2,
                "the test's data must move the variance away from its initial 1: " + var);
        assertClose("the layer below", below, net.getLayer(0).params(), 0);
        assertClose("gamma", gammaBeta, net.getLayer(1).getParam(BatchNorm.GAMMA_KEY), 0);
        assertEquals(0.8, ((BatchNorm) net.getLayerWiseConfigurations().getConf(1).getLayer()).getMomentum(),
                "momentum restored");
    }

    @Test
    void onlyTheFirstMaxBatchesCount() {
        Nd4j.getRandom().setSeed(51);
        MultiLayerNetwork net = NormNets.mln(Kind.FF, BatchNorm.builder().build(), new Sgd(0.1),
                WorkspaceMode.NONE, DataType.DOUBLE);
        List<DataSet> batches = data(Kind.FF, SIZES);
        assertEquals(32, BatchNormStatistics.recompute(net, new ListDataSetIterator<>(batches, 1), 2));
        BatchNormRunningStatsTest.assertRunning("two of three minibatches",
                expected(net.getLayer(0), Kind.FF, batches.subList(0, 2)), net.getLayer(1));
        // a second call replaces the statistics (the old values do not count) and resets the iterator first
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(batches, 1);
        it.next();
        assertEquals(37, BatchNormStatistics.recompute(net, it, 3));
        BatchNormRunningStatsTest.assertRunning("all three", expected(net.getLayer(0), Kind.FF, batches),
                net.getLayer(1));
    }

    @Test
    void computationGraphGetsTheDataStatistics() {
        Nd4j.getRandom().setSeed(52);
        ComputationGraph g = NormNets.graph(Kind.CNN, BatchNorm.builder().build(), new Sgd(0.1),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        List<DataSet> batches = data(Kind.CNN, SIZES);
        List<MultiDataSet> multi = new ArrayList<>(); // re-batched by 16: the same 16, 16, 5
        for (DataSet d : batches) {
            multi.add(new org.nd4j.linalg.dataset.MultiDataSet(d.getFeatures(), d.getLabels()));
        }
        assertEquals(37, BatchNormStatistics.recompute(g, new IteratorMultiDataSetIterator(multi.iterator(), 16),
                10));
        BatchNormRunningStatsTest.assertRunning("graph", expected(g.getLayer("below"), Kind.CNN, batches),
                g.getLayer("norm"));
        assertEquals(0.9, ((BatchNorm) g.getLayer("norm").conf().getLayer()).getMomentum(), EXACT);
    }

    @Test
    void aNetworkWithoutBatchNormReadsNoDataAndEmptyDataIsRefused() {
        MultiLayerNetwork noBn = NormNets.mln(Kind.FF, LayerNorm.builder().build(), new Sgd(0.1),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        java.util.Iterator<DataSet> unread = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public DataSet next() {
                throw new AssertionError("a network without BatchNorm must read no data");
            }
        };
        assertEquals(0, BatchNormStatistics.recompute(noBn, new IteratorDataSetIterator(unread, 4), 5));

        MultiLayerNetwork net = NormNets.mln(Kind.FF, BatchNorm.builder().build(), new Sgd(0.1),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        INDArray before = net.params().dup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchNormStatistics
                .recompute(net, new IteratorDataSetIterator(List.<DataSet>of().iterator(), 4), 5));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertClose("unchanged", before, net.params(), 0);
        assertThrows(IllegalArgumentException.class, () -> BatchNormStatistics.recompute(net,
                new ListDataSetIterator<>(data(Kind.FF, SIZES), 1), 0));
    }
}
