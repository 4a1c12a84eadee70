package dev.cs231n.pipelines.simclr;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dev.cs231n.datavec.cifar.Shuffles;

/**
 * Linear evaluation of frozen features: multinomial logistic regression (softmax, cross-entropy, L2) on features
 * standardised per dimension with the training features' mean and standard deviation, trained with Adam on seeded
 * shuffled minibatches; accuracy on the test features.
 *
 * @param epochs epochs over the training features
 * @param lr     Adam's learning rate
 * @param l2     L2 regularisation of the weights
 * @param batch  minibatch size
 * @param seed   seed of initialisation and shuffles
 */
public record LinearProbe(int epochs, double lr, double l2, int batch, long seed) {

    /** Validates. */
    public LinearProbe {
        if (epochs < 1 || !(lr > 0) || !(l2 >= 0) || batch < 1) {
            throw new IllegalArgumentException("linear probe needs epochs >= 1, lr > 0, l2 >= 0, batch >= 1; got "
                    + epochs + ", " + lr + ", " + l2 + ", " + batch);
        }
    }

    /**
     * @param train       training features {@code [N, D]}
     * @param trainLabels their classes
     * @param test        test features {@code [M, D]}
     * @param testLabels  their classes
     * @return the test accuracy
     */
    public double testAccuracy(INDArray train, int[] trainLabels, INDArray test, int[] testLabels) {
        INDArray mean = train.mean(0);
        INDArray std = train.std(0).addi(1e-6);
        INDArray xTrain = train.subRowVector(mean).diviRowVector(std).castTo(DataType.FLOAT);
        INDArray xTest = test.subRowVector(mean).diviRowVector(std).castTo(DataType.FLOAT);
        INDArray y = oneHot(trainLabels);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(lr)).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(train.size(1)).nOut(10)
                        .activation(Activation.SOFTMAX).l2(l2).build())
                .build());
        net.init();
        int n = trainLabels.length;
        for (int e = 0; e < epochs; e++) {
            int[] order = Shuffles.permutation(n, Shuffles.epochSeed(seed, e));
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                int[] rows = java.util.Arrays.copyOfRange(order, from, to);
                net.fit(new DataSet(xTrain.getRows(rows), y.getRows(rows)));
            }
        }
        INDArray pred = net.output(xTest, false).argMax(1);
        int right = 0;
        for (int i = 0; i < testLabels.length; i++) {
            right += pred.getInt(i) == testLabels[i] ? 1 : 0;
        }
        return right / (double) testLabels.length;
    }

    static INDArray oneHot(int[] labels) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, 10);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }
}
