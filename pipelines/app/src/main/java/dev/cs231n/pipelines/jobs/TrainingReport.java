package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.plot.LinePlot;
import dev.cs231n.pipelines.train.CifarTraining;
import dev.cs231n.pipelines.train.TrainState;
import dev.cs231n.pipelines.train.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The outputs of a DL4J classifier job: test accuracies of the best model, metrics.json and learning curves. */
final class TrainingReport {

    private TrainingReport() {
    }

    /**
     * Evaluates the best network once on the test splits and writes {@code metrics.json}, {@code loss.png} and
     * {@code accuracy.png}.
     *
     * @param r        the training result
     * @param training the training (its layout, type and preprocessing)
     * @param s        the splits
     * @param out      output folder
     * @return the metrics (val_accuracy, test_accuracy, test_accuracy_10k, epochs, best_epoch, train_seconds)
     * @throws IOException when outputs cannot be written
     */
    static Metrics write(Trainer.Result<MultiLayerNetwork> r, CifarTraining training, CifarSplits s, Path out)
            throws IOException {
        TrainState st = r.state();
        double test = training.accuracy(s.test()).of(r.best());
        double test10k = training.accuracy(s.testFull()).of(r.best());
        Metrics m = new Metrics().put("val_accuracy", st.bestValue).put("test_accuracy", test)
                .put("test_accuracy_10k", test10k).put("epochs", st.epochsDone).put("best_epoch", st.bestEpoch)
                .put("train_seconds", st.trainSeconds);
        m.write(out);
        double[] x = st.epochAxis();
        new LinePlot("Training loss", "epoch", "mean loss").add("train", x, st.trainLossArray())
                .write(out.resolve("loss.png"));
        new LinePlot("Accuracy", "epoch", "accuracy")
                .add("train (1,000 sample)", x, st.metricArray(Trainer.TRAIN_ACCURACY))
                .add("val", x, st.metricArray(Trainer.VAL_ACCURACY))
                .write(out.resolve("accuracy.png"));
        System.out.printf(Locale.ROOT,
                "best val %.4f (epoch %d); test %.4f (first 1,000), %.4f (all 10,000); %.0f s training%n",
                st.bestValue, st.bestEpoch, test, test10k, st.trainSeconds);
        return m;
    }
}
