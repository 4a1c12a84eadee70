package dev.cs231n.pipelines.simclr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import dev.cs231n.datavec.cifar.augment.SimClrPairIterator;
import dev.cs231n.pipelines.train.EpochEvaluator;
import dev.cs231n.pipelines.train.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Who runs {@code simclr-pretrain}'s training: {@link #TRAINER} in this JVM, or e.g. a Spark training master. */
@FunctionalInterface
public interface SimClrTraining {

    /**
     * What the training must do, whoever runs it: {@code epochs} epochs of the view pairs (checkpoint every epoch in
     * {@code out}, {@code resume}, the {@code settings} recorded), the {@code evaluator} after each epoch, the network
     * with the highest {@code selectOn} kept as model.zip.
     *
     * @param epochs        total epochs
     * @param out           output folder
     * @param resume        continue from the checkpoint
     * @param settings      the settings a resume must match
     * @param evaluator     what to measure after each epoch
     * @param selectOn      the metric that picks model.zip (higher is better)
     * @param stepsPerEpoch minibatches per epoch
     */
    record Spec(int epochs, Path out, boolean resume, Map<String, Object> settings,
                EpochEvaluator<org.deeplearning4j.nn.api.Model> evaluator, String selectOn, long stepsPerEpoch) {
    }

    /**
     * @param net   the freshly initialised pretraining network
     * @param views the minibatches of view pairs ({@link SimClrPairIterator#setEpoch} starts an epoch's shuffle and
     *              views)
     * @param spec  what the training must do
     * @return the kept network and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    Trainer.Result<MultiLayerNetwork> fit(MultiLayerNetwork net, SimClrPairIterator views, Spec spec)
            throws IOException;

    /** The job's training: the {@link Trainer} in this JVM. */
    SimClrTraining TRAINER = (net, views, spec) -> Trainer.builder().epochs(spec.epochs()).out(spec.out())
            .resume(spec.resume()).settings(spec.settings()).evaluator(spec.evaluator())
            .selectOn(spec.selectOn(), true).beforeEpoch(views::setEpoch).stepsPerEpoch(spec.stepsPerEpoch())
            .build().fit(net, views);
}
