package dev.cs231n.pipelines.train;

import java.util.Map;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Classification accuracy of a network (a {@link MultiLayerNetwork}, or a {@link ComputationGraph} with one input
 * and one output) on CIFAR-10 images, in inference mode, {@value #BATCH} images at a time: the fraction of images
 * whose arg-max class is their label.
 */
public final class CifarAccuracy {

    private static final int BATCH = 500;

    private final CifarDataset data;
    private final FeatureLayout layout;
    private final DataType type;
    private final DataSetPreProcessor pre;

    /**
     * @param data   the images
     * @param layout the network's input layout
     * @param type   the network's data type
     * @param pre    the preprocessing applied to features (the training one), or null
     */
    public CifarAccuracy(CifarDataset data, FeatureLayout layout, DataType type, DataSetPreProcessor pre) {
        this.data = data;
        this.layout = layout;
        this.type = type;
        this.pre = pre;
    }

    /**
     * @param name the metric's name, e.g. {@code val_accuracy}
     * @return an evaluator reporting this accuracy under that name
     */
    public EpochEvaluator<Model> as(String name) {
        return net -> Map.of(name, of(net));
    }

    /**
     * @param net the network
     * @return its accuracy on the images
     */
    public double of(Model net) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int count = Math.min(BATCH, data.size() - from);
            INDArray x = CifarTensors.features(data.range(from, from + count), layout, type);
            if (pre != null) {
                DataSet ds = new DataSet(x, null);
                pre.preProcess(ds);
                x = ds.getFeatures();
            }
            INDArray pred = output(net, x).argMax(1);
            for (int i = 0; i < count; i++) {
                if (pred.getInt(i) == data.label(from + i)) {
                    correct++;
                }
            }
        }
        return correct / (double) data.size();
    }

    private static INDArray output(Model net, INDArray x) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.output(x, false);
        }
        if (net instanceof ComputationGraph cg) {
            return cg.outputSingle(false, x);
        }
        throw new IllegalArgumentException("CifarAccuracy: not a MultiLayerNetwork or ComputationGraph: "
                + net.getClass().getName());
    }
}
