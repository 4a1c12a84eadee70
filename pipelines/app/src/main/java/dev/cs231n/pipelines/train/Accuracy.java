package dev.cs231n.pipelines.train;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/** Classification accuracy of a network on CIFAR-10 images, in inference mode, batch by batch. */
public final class Accuracy {

    private static final int BATCH = 500;

    private Accuracy() {
    }

    /**
     * @param net    the network (softmax output over 10 classes)
     * @param data   the images
     * @param layout the network's input layout
     * @param type   the network's data type
     * @param pre    the preprocessing applied to features (the training one), or null
     * @return the fraction of images whose arg-max class is their label
     */
    public static double of(MultiLayerNetwork net, CifarDataset data, FeatureLayout layout, DataType type,
            DataSetPreProcessor pre) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int count = Math.min(BATCH, data.size() - from);
            INDArray x = CifarTensors.features(data.range(from, from + count), layout, type);
            if (pre != null) {
                DataSet ds = new DataSet(x, null);
                pre.preProcess(ds);
                x = ds.getFeatures();
            }
            INDArray pred = net.output(x, false).argMax(1);
            for (int i = 0; i < count; i++) {
                if (pred.getInt(i) == data.label(from + i)) {
                    correct++;
                }
            }
        }
        return correct / (double) data.size();
    }
}
