package dev.cs231n.pipelines.search;

import java.util.List;

import dev.cs231n.searches.run.SearchSplits;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits held as arrays (pixels or image features, already preprocessed) as a search's {@link SearchSplits}: each
 * split is one {@link DataSet} behind the same guard as the iterators of the network searches, so the test split
 * cannot be read between {@code beginSearch()} and {@code endSearch()} (and every read is counted). The
 * from-scratch classifiers take the arrays back with {@link #arrays(DataSetIterator)}.
 */
public final class ArraySplits {

    /** Features {@code [N, D]} and labels. */
    public record Arrays(INDArray x, int[] y) {
    }

    private ArraySplits() {
    }

    /**
     * @param xTrain training features, yTrain labels; the same for validation and test
     * @return guarded splits whose iterators give one DataSet each (features, one-hot labels)
     */
    public static SearchSplits of(INDArray xTrain, int[] yTrain, INDArray xVal, int[] yVal, INDArray xTest,
            int[] yTest, int classes) {
        DataSet train = dataSet(xTrain, yTrain, classes);
        DataSet val = dataSet(xVal, yVal, classes);
        DataSet test = dataSet(xTest, yTest, classes);
        return SearchSplits.of(() -> one(train), () -> one(val), () -> one(test));
    }

    /**
     * @param iter one of these splits' iterators
     * @return its arrays (labels back as class indices)
     */
    public static Arrays arrays(DataSetIterator iter) {
        DataSet d = iter.next();
        INDArray idx = Nd4j.argMax(d.getLabels(), 1);
        int[] y = idx.toIntVector();
        return new Arrays(d.getFeatures(), y);
    }

    private static DataSetIterator one(DataSet d) {
        return new ListDataSetIterator<>(List.of(d), d.numExamples());
    }

    /**
     * @param x       features
     * @param y       class indices
     * @param classes number of classes
     * @return the features with one-hot labels of x's data type
     */
    static DataSet dataSet(INDArray x, int[] y, int classes) {
        INDArray oneHot = Nd4j.zeros(x.dataType(), y.length, classes);
        for (int i = 0; i < y.length; i++) {
            oneHot.putScalar(i, y[i], 1.0);
        }
        return new DataSet(x, oneHot);
    }
}
