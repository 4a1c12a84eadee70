package dev.cs231n.searches.run;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cs231n.searches.nets.FcNetSpace;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny spaces and learnable data for the runner's tests (12 features, 3 classes). */
final class RunFixtures {

    static final int FEATURES = 12;
    static final int CLASSES = 3;

    private RunFixtures() {
    }

    /** @return a small fc-net space: depth 1..2, width 8/16, lr, reg, batch norm or not, keep 0.7..1 */
    static FcNetSpace smallFcNet() {
        return FcNetSpace.builder().inputSize(FEATURES).classes(CLASSES).depth(1, 2).widths(8, 16).lr(1e-3, 3e-2)
                .reg(1e-5, 1e-3).batchNorm(false, true).keepProb(0.7, 1.0).seed(5).build();
    }

    /** @return the candidates of {@link #smallFcNet()} under a strategy */
    static SpaceCandidates<?> candidates(Strategy strategy) {
        FcNetSpace s = smallFcNet();
        return SpaceCandidates.of(s.space(), s.named(), strategy);
    }

    /**
     * @param n    examples
     * @param seed the seed
     * @return Gaussian blobs, class c shifted by +3 in feature c
     */
    static DataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, FEATURES);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            x.putScalar(i, c, x.getDouble(i, c) + 3);
            y.putScalar(i, c, 1.0);
        }
        return new DataSet(x, y);
    }

    /**
     * @param testOpened counts the test iterators made
     * @return splits of 200 training, 60 validation and 60 test examples; minibatches of 50
     */
    static SearchSplits splits(AtomicInteger testOpened) {
        DataSet train = blobs(200, 1);
        DataSet val = blobs(60, 2);
        DataSet test = blobs(60, 3);
        return SearchSplits.of(() -> new ViewIterator(train, 50), () -> new ViewIterator(val, 60), () -> {
            testOpened.incrementAndGet();
            return new ViewIterator(test, 60);
        });
    }

    /**
     * @param dir        a folder
     * @param candidates the search
     * @return a store at {@code dir/search.db} for that search
     */
    static SearchStore store(Path dir, SpaceCandidates<?> candidates) {
        return SearchStore.open(SearchStore.defaultUrl(dir), new SearchDescription("test search",
                Objective.MAXIMIZE, candidates.spaceJson(), candidates.strategy().toJson()));
    }
}
