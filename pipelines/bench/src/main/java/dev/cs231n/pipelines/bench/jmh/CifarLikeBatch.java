package dev.cs231n.pipelines.bench.jmh;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed batch shaped like CIFAR-10 for the training-step benchmarks: uniform random float32 images
 * {@code [n, 3, 32, 32]} (ND4J seed 2) and one-hot labels cycling through the 10 classes.
 *
 * @param x the images
 * @param y the one-hot labels {@code [n, 10]}
 */
record CifarLikeBatch(INDArray x, INDArray y) {

    static CifarLikeBatch of(int n) {
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        return new CifarLikeBatch(x, y);
    }
}
