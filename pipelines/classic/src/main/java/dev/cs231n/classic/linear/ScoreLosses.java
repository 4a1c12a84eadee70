package dev.cs231n.classic.linear;

import java.util.List;

/** The data losses by name, as stored in a model file. */
public final class ScoreLosses {

    private static final List<ScoreLoss> ALL = List.of(new MulticlassSvmLoss(), new SoftmaxLoss());

    private ScoreLosses() {
    }

    /**
     * @param name "svm" or "softmax"
     * @return that loss
     * @throws IllegalArgumentException naming the known losses when there is none of that name
     */
    public static ScoreLoss byName(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown loss '" + name + "'; known: svm, softmax"));
    }
}
