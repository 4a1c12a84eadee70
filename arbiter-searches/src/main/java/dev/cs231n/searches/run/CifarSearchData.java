package dev.cs231n.searches.run;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * CIFAR-10's course splits as a search's {@link SearchSplits}: training minibatches shuffled with the search's seed
 * (a new order each epoch), validation and test in order, all through the preprocessing fitted on the training split
 * (e.g. mean-image subtraction).
 */
public final class CifarSearchData {

    private CifarSearchData() {
    }

    /**
     * @param splits    the splits (train, val, test)
     * @param pre       the preprocessing fitted on {@code splits.train()}, or null
     * @param batchSize training minibatch size
     * @param seed      the training shuffle's seed
     * @param layout    the networks' input layout
     * @param type      the networks' data type
     * @return train and validation for the candidates, test closed during the search
     */
    public static SearchSplits of(CifarSplits splits, DataSetPreProcessor pre, int batchSize, long seed,
            FeatureLayout layout, DataType type) {
        return SearchSplits.of(() -> iterator(splits.train(), pre, batchSize, layout, type).shuffle(seed).build(),
                () -> iterator(splits.val(), pre, 500, layout, type).noShuffle().build(),
                () -> iterator(splits.test(), pre, 500, layout, type).noShuffle().build());
    }

    private static CifarDataSetIterator.Builder iterator(CifarDataset data, DataSetPreProcessor pre, int batch,
            FeatureLayout layout, DataType type) {
        CifarDataSetIterator.Builder b = CifarDataSetIterator.builder(data).batchSize(batch).layout(layout)
                .dataType(type);
        return pre == null ? b : b.preProcessor(pre);
    }

}
