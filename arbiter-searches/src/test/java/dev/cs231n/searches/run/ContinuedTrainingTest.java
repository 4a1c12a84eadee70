package dev.cs231n.searches.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A promoted candidate's training ({@link NetworkTask} from its parent's {@link ModelFiles} file) equals training the
 * same network without a stop, within float tolerance, for Adam, SGD with Nesterov momentum and plain SGD, each with
 * a learning rate decayed by epoch: {@code ModelSerializer.writeModel(net, file, true)} and
 * {@code restoreMultiLayerNetwork(file, true)} keep the parameters, the updater state and DL4J's iteration and epoch
 * counts. The controls show the comparison can fail: the same continuation from a file read without its updater
 * state, or with the epoch count set back to 0 (the schedule restarting), ends elsewhere.
 */
class ContinuedTrainingTest {

    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"adam", "nesterovs", "sgd"})
    void continuedTrainingEqualsUninterruptedTraining(String updater, @TempDir Path dir) throws Exception {
        Function<String, MultiLayerConfiguration> conf = json -> conf(updater);
        SearchSplits data = RunFixtures.splits(new AtomicInteger());

        AtomicReference<MultiLayerNetwork> whole = new AtomicReference<>();
        RecordingContext wholeCtx = new RecordingContext(0);
        double wholeScore = new NetworkTask(conf, data, 99, (i, net) -> whole.set(net))
                .run("{\"rung\":0,\"epochs\":3}", wholeCtx);
        assertEquals(List.of(1, 2, 3), wholeCtx.epochs);

        ModelFiles files = ModelFiles.in(dir);
        new NetworkTask(conf, data, 99, files, files).run("{\"rung\":0,\"epochs\":1}", new RecordingContext(0));
        MultiLayerNetwork saved = files.load(0);
        assertEquals(1, saved.getEpochCount(), "the file keeps DL4J's epoch count");
        assertEquals(4, saved.getIterationCount(), "and its iteration count (200 examples in minibatches of 50)");

        AtomicReference<MultiLayerNetwork> continued = new AtomicReference<>();
        RecordingContext ctx = new RecordingContext(1);
        double score = new NetworkTask(conf, data, 99, (i, net) -> continued.set(net), files)
                .run("{\"rung\":1,\"parent\":0,\"epochs\":3}", ctx);
        assertEquals(List.of(2, 3), ctx.epochs, "only the extra epochs are trained, under their own numbers");
        assertEquals(3, continued.get().getEpochCount());
        assertEquals(whole.get().getIterationCount(), continued.get().getIterationCount());
        assertClose(whole.get().params(), continued.get().params(), "parameters");
        if (!"sgd".equals(updater)) {
            assertClose(whole.get().getUpdater().getStateViewArray(),
                    continued.get().getUpdater().getStateViewArray(), "updater state");
        }
        assertEquals(wholeScore, score, 1e-6, "the same validation accuracy");
        assertEquals(wholeCtx.scores.subList(1, 3), ctx.scores);

        // controls: the same continuation without the updater state, or with the schedule restarted, ends elsewhere
        NetworkTask.ModelSource noUpdater = i -> ModelSerializer.restoreMultiLayerNetwork(files.file(i).toFile(),
                false);
        NetworkTask.ModelSource restarted = i -> {
            MultiLayerNetwork n = files.load(i);
            n.setEpochCount(0);
            return n;
        };
        for (NetworkTask.ModelSource wrong : "sgd".equals(updater) ? List.of(restarted)
                : List.of(noUpdater, restarted)) {
            AtomicReference<MultiLayerNetwork> off = new AtomicReference<>();
            new NetworkTask(conf, data, 99, (i, net) -> off.set(net), wrong)
                    .run("{\"rung\":1,\"parent\":0,\"epochs\":3}", new RecordingContext(2));
            double diff = maxAbsDiff(whole.get().params(), off.get().params());
            assertTrue(diff > 100 * TOLERANCE, "a continuation without its state differs: max |diff| " + diff);
        }
    }

    @org.junit.jupiter.api.Test
    void aPromotionNeedsASourceAndAParentWithFewerEpochs(@TempDir Path dir) throws Exception {
        Function<String, MultiLayerConfiguration> conf = json -> conf("adam");
        SearchSplits data = RunFixtures.splits(new AtomicInteger());
        ModelFiles files = ModelFiles.in(dir);
        IllegalStateException noSource = assertThrows(IllegalStateException.class, () -> new NetworkTask(conf, data,
                1, null).run("{\"rung\":1,\"parent\":0,\"epochs\":3}", new RecordingContext(5)));
        assertTrue(noSource.getMessage().contains("ModelSource"), noSource.getMessage());
        java.io.FileNotFoundException missing = assertThrows(java.io.FileNotFoundException.class,
                () -> new NetworkTask(conf, data, 1, files, files).run("{\"rung\":1,\"parent\":0,\"epochs\":3}",
                        new RecordingContext(5)));
        assertTrue(missing.getMessage().contains(files.file(0).toString()), missing.getMessage());
        new NetworkTask(conf, data, 1, files, files).run("{\"rung\":0,\"epochs\":3}", new RecordingContext(0));
        IllegalStateException trained = assertThrows(IllegalStateException.class, () -> new NetworkTask(conf, data,
                1, files, files).run("{\"rung\":1,\"parent\":0,\"epochs\":3}", new RecordingContext(5)));
        assertTrue(trained.getMessage().contains("has 3 already"), trained.getMessage());
    }

    private static MultiLayerConfiguration conf(String updater) {
        IUpdater u = switch (updater) {
            case "adam" -> new Adam(new ExponentialSchedule(ScheduleType.EPOCH, 2e-2, 0.5));
            case "nesterovs" -> new Nesterovs(new ExponentialSchedule(ScheduleType.EPOCH, 5e-2, 0.5), 0.9);
            case "sgd" -> new Sgd(new ExponentialSchedule(ScheduleType.EPOCH, 1e-1, 0.5));
            default -> throw new IllegalArgumentException(updater);
        };
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).updater(u)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(RunFixtures.FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(RunFixtures.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double diff = maxAbsDiff(expected, actual);
        assertTrue(diff <= TOLERANCE, what + ": max |uninterrupted - continued| = " + diff);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertEquals(a.length(), b.length());
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
