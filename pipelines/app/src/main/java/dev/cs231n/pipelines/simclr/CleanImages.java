package dev.cs231n.pipelines.simclr;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.SimClrViews;
import dev.cs231n.datavec.cifar.preprocess.ChannelStandardization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Un-augmented images normalised as SimCLR's views are (the course's constants, {@link SimClrViews#COURSE_MEAN} /
 * {@link SimClrViews#COURSE_STD}), and the encoder's representations of them.
 */
public final class CleanImages {

    /** Images per forward pass. */
    static final int BATCH = 500;

    private CleanImages() {
    }

    /** @return the course's normalisation as a preprocessor on the 0..255 scale */
    public static ChannelStandardization normalisation() {
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = 255 * SimClrViews.COURSE_MEAN[c];
            std[c] = 255 * SimClrViews.COURSE_STD[c];
        }
        return new ChannelStandardization(mean, std);
    }

    /**
     * @param data images
     * @return them normalised, {@code [N, 3, 32, 32]} FLOAT
     */
    public static INDArray tensor(CifarDataset data) {
        return normalisation().transform(CifarTensors.features(data, FeatureLayout.NCHW, DataType.FLOAT));
    }

    /**
     * @param s    the architecture
     * @param net  a SimCLR network
     * @param data images
     * @return the encoder's representations {@code [N, 128]}, in inference mode
     */
    public static INDArray features(SimClrSpec s, MultiLayerNetwork net, CifarDataset data) {
        MultiLayerNetwork encoder = SimClrNets.encoderOf(s, net);
        INDArray out = Nd4j.create(DataType.FLOAT, data.size(), SimClrNets.FEATURES);
        for (int from = 0; from < data.size(); from += BATCH) {
            int to = Math.min(data.size(), from + BATCH);
            INDArray x = tensor(data.range(from, to));
            INDArray h = encoder.output(x, false);
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(h);
            for (INDArray done : new INDArray[] {h, x}) {
                if (done.closeable()) {
                    done.close();
                }
            }
        }
        return out;
    }
}
