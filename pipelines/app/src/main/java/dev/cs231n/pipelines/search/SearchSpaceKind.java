package dev.cs231n.pipelines.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code ./cs231n search --space} searches. */
public enum SearchSpaceKind {
    /** The course's two-layer net as DL4J layers ({@code TwoLayerSpace}) on pixels. */
    TWO_LAYER("two-layer", 10),
    /** The fully-connected net ({@code FcNetSpace}) on pixels. */
    FC_NET("fc-net", 5),
    /** A small convolutional net ({@link CnnSpace}) on NCHW pixels. */
    CNN("cnn", 2),
    /** The two-layer net on the HOG + hue-histogram features. */
    FEATURES_NET("features-net", 20),
    /** The from-scratch linear SVM on pixels (generic API). */
    SVM("svm", 1),
    /** The from-scratch softmax classifier on pixels (generic API). */
    SOFTMAX("softmax", 1),
    /** The hand-derived two-layer net and the course Solver on pixels (generic API). */
    TWO_LAYER_CLASSIC("two-layer-classic", 10);

    private final String id;
    private final int defaultEpochs;

    SearchSpaceKind(String id, int defaultEpochs) {
        this.id = id;
        this.defaultEpochs = defaultEpochs;
    }

    /** @return the name on the command line */
    public String id() {
        return id;
    }

    /** @return epochs per candidate when {@code --epochs} is not given */
    public int defaultEpochs() {
        return defaultEpochs;
    }

    /**
     * @param id a {@code --space} value
     * @return the kind
     * @throws IllegalArgumentException naming the valid values
     */
    public static SearchSpaceKind of(String id) {
        for (SearchSpaceKind k : values()) {
            if (k.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("--space " + id + " is not a search space; use one of "
                + Arrays.stream(values()).map(SearchSpaceKind::id).collect(Collectors.joining(", ")));
    }
}
