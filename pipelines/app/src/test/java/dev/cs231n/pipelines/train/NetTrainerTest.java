package dev.cs231n.pipelines.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.datavec.cifar.preprocess.ChannelStandardization;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Checkpoints, resume and best-model selection on a small synthetic CIFAR-format problem. */
class NetTrainerTest {

    /** Images whose class shows in the mean brightness of the red plane, plus noise. */
    static CifarSplits synthetic(int n) {
        Random rnd = new Random(1);
        byte[] img = new byte[n * CifarFormat.IMAGE_BYTES];
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            lab[i] = (byte) c;
            for (int p = 0; p < CifarFormat.IMAGE_BYTES; p++) {
                int base = p < CifarFormat.PIXELS_PER_CHANNEL ? 20 * c : 100;
                img[i * CifarFormat.IMAGE_BYTES + p] = (byte) Math.min(255, base + rnd.nextInt(40));
            }
        }
        CifarDataset all = CifarDataset.of(img, lab);
        return CifarSplits.of(all, all.range(0, 100), n - 100, 100, 100);
    }

    static MultiLayerNetwork net() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(4, 4).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 3)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    static NetTrainer trainer(Path out, int epochs) {
        return new NetTrainer(new NetTrainer.Options(epochs, 50, 7, FeatureLayout.NCHW, DataType.DOUBLE,
                new RandomFlipCrop(2, 7), out));
    }

    @Test
    void resumingAfterAnEpochEqualsAnUninterruptedRun(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(500);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        NetTrainer.Result straight = trainer(dir.resolve("a"), 3).fit(net(), s, pre, false);

        trainer(dir.resolve("b"), 1).fit(net(), s, pre, false);
        NetTrainer resumed = trainer(dir.resolve("b"), 3);
        NetTrainer.Result r = resumed.fit(net(), s, pre, true);

        assertEquals(straight.state().valAccuracy, r.state().valAccuracy);
        assertEquals(straight.state().trainLoss, r.state().trainLoss);
        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("a/checkpoint/model.zip").toFile());
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("b/checkpoint/model.zip").toFile());
        assertEquals(a.params(), b.params(), "final parameters");
        assertEquals(3, r.state().epochsDone);
    }

    @Test
    void keepsTheBestValidationModelWithItsPreprocessing(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(500);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        NetTrainer t = trainer(dir, 4);
        NetTrainer.Result r = t.fit(net(), s, pre, false);
        double best = r.state().valAccuracy.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, r.state().bestVal);
        assertEquals(best, Accuracy.of(r.best(), s.val(), FeatureLayout.NCHW, DataType.DOUBLE, pre), 0.0);
        assertTrue(best > 0.3, "the synthetic classes are learnable: " + best);
        assertTrue(ModelZipPreprocessors.load(t.bestModel().toFile()).isPresent());
    }

    @Test
    void resumeWithoutACheckpointOrWithACorruptOneSaysWhere(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(200);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        IOException none = assertThrows(IOException.class, () -> trainer(dir, 2).fit(net(), s, pre, true));
        assertTrue(none.getMessage().contains("checkpoint"), none.getMessage());
        NetTrainer t = trainer(dir, 1);
        t.fit(net(), s, pre, false);
        Files.writeString(t.checkpointState(), "{\"format\": 1, \"epochsDone\": 3}");
        IOException bad = assertThrows(IOException.class, () -> trainer(dir, 4).fit(net(), s, pre, true));
        assertTrue(bad.getMessage().contains("state.json"), bad.getMessage());
    }
}
