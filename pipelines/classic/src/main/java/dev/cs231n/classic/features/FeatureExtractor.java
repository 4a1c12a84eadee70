package dev.cs231n.classic.features;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.pipelines.progress.Progress;
import me.tongfei.progressbar.ProgressBar;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Computes several {@link ImageFeature}s for every image, concatenated in order, on all cores, with a progress
 * bar (rate and ETA) on standard error.
 */
public final class FeatureExtractor {

    private final List<ImageFeature> features;
    private final int size;

    /** @param features the features to concatenate, in order */
    public FeatureExtractor(List<ImageFeature> features) {
        this.features = List.copyOf(features);
        this.size = features.stream().mapToInt(ImageFeature::size).sum();
    }

    /** @return the course's features: HOG (144) then the hue histogram (10) = 154 values */
    public static FeatureExtractor course() {
        return new FeatureExtractor(List.of(new HogFeature(), new HueHistogram()));
    }

    /** @return values per image */
    public int size() {
        return size;
    }

    /**
     * @param data  the images
     * @param label what is being extracted, for the progress bar
     * @return {@code [N, size()]} float64 features
     */
    public INDArray extract(CifarDataset data, String label) {
        int n = data.size();
        double[] all = new double[n * size];
        AtomicInteger done = new AtomicInteger();
        try (ProgressBar pb = Progress.start(label, n)) {
            IntStream.range(0, n).parallel().forEach(i -> {
                int off = i * size;
                for (ImageFeature f : features) {
                    f.compute(data, i, all, off);
                    off += f.size();
                }
                if (done.incrementAndGet() % 1000 == 0) {
                    pb.stepTo(done.get());
                }
            });
            pb.stepTo(n);
        }
        return Nd4j.createFromArray(all).castTo(DataType.DOUBLE).reshape('c', n, size);
    }
}
