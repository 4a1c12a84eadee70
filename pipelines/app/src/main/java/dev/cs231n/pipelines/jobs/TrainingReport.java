package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Path;

import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.plot.LinePlot;
import dev.cs231n.pipelines.train.Accuracy;
import dev.cs231n.pipelines.train.NetTrainer;
import dev.cs231n.pipelines.train.TrainState;
import org.nd4j.linalg.api.buffer.DataType;

/** The outputs of a DL4J training job: test accuracies of the best model, metrics.json and learning curves. */
final class TrainingReport {

    private TrainingReport() {
    }

    /**
     * Evaluates the best network once on the test splits and writes {@code metrics.json}, {@code loss.png} and
     * {@code accuracy.png}.
     *
     * @param r      the training result
     * @param s      the splits
     * @param pre    the preprocessing
     * @param layout input layout
     * @param dtype  data type
     * @param out    output folder
     * @return the metrics (val_accuracy, test_accuracy, test_accuracy_10k, epochs, best_epoch, train_seconds)
     * @throws IOException when outputs cannot be written
     */
    static Metrics write(NetTrainer.Result r, CifarSplits s, CifarPreprocessor pre, FeatureLayout layout,
            DataType dtype, Path out) throws IOException {
        TrainState st = r.state();
        double test = Accuracy.of(r.best(), s.test(), layout, dtype, pre);
        double test10k = Accuracy.of(r.best(), s.testFull(), layout, dtype, pre);
        Metrics m = new Metrics().put("val_accuracy", st.bestVal).put("test_accuracy", test)
                .put("test_accuracy_10k", test10k).put("epochs", st.epochsDone).put("best_epoch", st.bestEpoch)
                .put("train_seconds", st.trainSeconds);
        m.write(out);
        double[] x = NetTrainer.epochAxis(st);
        new LinePlot("Training loss", "epoch", "mean loss").add("train",
                x, st.trainLoss.stream().mapToDouble(Double::doubleValue).toArray()).write(out.resolve("loss.png"));
        new LinePlot("Accuracy", "epoch", "accuracy")
                .add("train (1,000 sample)", x, st.trainAccuracy.stream().mapToDouble(Double::doubleValue).toArray())
                .add("val", x, st.valAccuracy.stream().mapToDouble(Double::doubleValue).toArray())
                .write(out.resolve("accuracy.png"));
        System.out.printf(java.util.Locale.ROOT,
                "best val %.4f (epoch %d); test %.4f (first 1,000), %.4f (all 10,000); %.0f s training%n",
                st.bestVal, st.bestEpoch, test, test10k, st.trainSeconds);
        return m;
    }
}
