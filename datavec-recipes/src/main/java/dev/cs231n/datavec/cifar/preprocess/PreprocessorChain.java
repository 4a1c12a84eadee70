package dev.cs231n.datavec.cifar.preprocess;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Several preprocessors applied in order (e.g. mean-image subtraction, then the bias trick). A
 * {@link BiasTrick} may only be the last step, since image-shaped steps cannot follow it.
 */
public final class PreprocessorChain implements CifarPreprocessor {

    private static final long serialVersionUID = 1L;

    private final List<CifarPreprocessor> steps;

    /**
     * @param steps the steps, in application order, at least one
     */
    public PreprocessorChain(List<CifarPreprocessor> steps) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one step");
        }
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i) instanceof BiasTrick) {
                throw new IllegalArgumentException("the bias trick must be the last step, found at step " + i
                        + " of " + steps.size());
            }
        }
        this.steps = List.copyOf(steps);
    }

    /**
     * @param steps the steps, in application order
     * @return the chain
     */
    public static PreprocessorChain of(CifarPreprocessor... steps) {
        return new PreprocessorChain(List.of(steps));
    }

    /** @return the steps, in application order (unmodifiable) */
    public List<CifarPreprocessor> steps() {
        return steps;
    }

    @Override
    public INDArray transform(INDArray features) {
        INDArray x = features;
        for (CifarPreprocessor step : steps) {
            x = step.transform(x);
        }
        return x;
    }
}
