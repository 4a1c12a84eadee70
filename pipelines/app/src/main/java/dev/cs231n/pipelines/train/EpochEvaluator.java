package dev.cs231n.pipelines.train;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;

/**
 * What the {@link Trainer} measures after every epoch: named metrics of the network in inference mode, e.g.
 * {@code val_accuracy} and {@code train_accuracy} ({@link CifarAccuracy}); a validation loss, BLEU of sampled
 * captions or a linear probe are evaluators too. The trainer selects the best epoch on one of the names.
 *
 * @param <M> the network type
 */
@FunctionalInterface
public interface EpochEvaluator<M extends Model> {

    /**
     * @param net the network after an epoch
     * @return metric name to value, in the order they should be reported
     * @throws IOException when evaluation data cannot be read
     */
    Map<String, Double> evaluate(M net) throws IOException;

    /**
     * @param <M>        the network type
     * @param evaluators evaluators run one after the other
     * @return one evaluator reporting all their metrics (a later name replaces an earlier one)
     */
    @SafeVarargs
    static <M extends Model> EpochEvaluator<M> all(EpochEvaluator<? super M>... evaluators) {
        return net -> {
            Map<String, Double> out = new LinkedHashMap<>();
            for (EpochEvaluator<? super M> e : evaluators) {
                out.putAll(e.evaluate(net));
            }
            return out;
        };
    }
}
