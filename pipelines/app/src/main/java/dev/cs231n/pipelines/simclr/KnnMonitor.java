package dev.cs231n.pipelines.simclr;

import java.util.Map;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.pipelines.train.EpochEvaluator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SimCLR's per-epoch monitor: the weighted cosine kNN ({@link KnnClassifier}, k = 200) of held-out images' encoder
 * representations against a labelled bank of training images' (both un-augmented), reported as
 * {@value #METRIC}. The labels are used by nothing but this measurement.
 */
public final class KnnMonitor implements EpochEvaluator<Model> {

    /** The metric's name. */
    public static final String METRIC = "knn_monitor_accuracy";

    private final SimClrSpec spec;
    private final CifarDataset bank;
    private final CifarDataset queries;
    private final int k;

    /**
     * @param spec    the architecture
     * @param bank    labelled training images
     * @param queries held-out images
     * @param k       neighbours
     */
    public KnnMonitor(SimClrSpec spec, CifarDataset bank, CifarDataset queries, int k) {
        this.spec = spec;
        this.bank = bank;
        this.queries = queries;
        this.k = Math.min(k, bank.size());
    }

    @Override
    public Map<String, Double> evaluate(Model net) {
        MultiLayerNetwork m = (MultiLayerNetwork) net;
        INDArray b = CleanImages.features(spec, m, bank);
        INDArray q = CleanImages.features(spec, m, queries);
        KnnClassifier knn = new KnnClassifier(b, bank.labels(), k, KnnClassifier.DEFAULT_TEMPERATURE);
        return Map.of(METRIC, knn.accuracy(q, queries.labels()));
    }
}
