package dev.cs231n.searches;

import java.util.Properties;

import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two Gaussian blobs in 4 dimensions (class = sign of the first coordinate's mean), split into a training and a
 * validation part; Arbiter scores candidates on {@link #testData()}, which here is the validation part.
 */
public class SyntheticDataSource implements DataSource {

    private static final long serialVersionUID = 1L;

    private transient DataSet train;
    private transient DataSet val;

    @Override
    public void configure(Properties properties) {
        long seed = Long.parseLong(properties.getProperty("seed", "1"));
        train = blobs(200, seed);
        val = blobs(100, seed + 1);
    }

    static DataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            x.putScalar(i, 0, x.getDouble(i, 0) + (c == 0 ? -2 : 2));
            y.putScalar(i, c, 1.0);
        }
        return new DataSet(x, y);
    }

    @Override
    public Object trainData() {
        return new SingletonDataSetIterator(train);
    }

    @Override
    public Object testData() {
        return new SingletonDataSetIterator(val);
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }
}
