package dev.cs231n.pipelines.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.datavec.cifar.preprocess.ChannelStandardization;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The training engine on small synthetic problems: resume equals an uninterrupted run, best-epoch selection with
 * the preprocessing saved, one-unit checkpoints, refused resumes, DL4J's epoch count (per-epoch schedules), and
 * a ComputationGraph on a MultiDataSetIterator.
 */
class TrainerTest {

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

    static MultiLayerNetwork net(double lrDecay) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, 1e-2, lrDecay))).list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(4, 4).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 3)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    static CifarTraining training(CifarSplits s, CifarPreprocessor pre, Path out, int epochs, boolean resume,
            Map<String, ?> settings) {
        return CifarTraining.builder(s, pre).epochs(epochs).batchSize(50).seed(7).layout(FeatureLayout.NCHW)
                .dataType(DataType.DOUBLE).augment(new RandomFlipCrop(2, 7)).out(out).resume(resume)
                .settings(settings).build();
    }

    @Test
    void resumingAfterAnEpochEqualsAnUninterruptedRun(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(500);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        Trainer.Result<MultiLayerNetwork> straight = training(s, pre, dir.resolve("a"), 3, false, Map.of())
                .fit(net(0.9));

        training(s, pre, dir.resolve("b"), 1, false, Map.of()).fit(net(0.9));
        Trainer.Result<MultiLayerNetwork> r = training(s, pre, dir.resolve("b"), 3, true, Map.of()).fit(net(0.9));

        assertEquals(straight.state().metric(Trainer.VAL_ACCURACY), r.state().metric(Trainer.VAL_ACCURACY));
        assertEquals(straight.state().trainLoss, r.state().trainLoss);
        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("a/checkpoint.zip").toFile());
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("b/checkpoint.zip").toFile());
        assertEquals(a.params(), b.params(), "final parameters");
        assertEquals(3, r.state().epochsDone);
        assertEquals(3, b.getEpochCount(), "DL4J's epoch count travels with the checkpoint");
    }

    @Test
    void dl4jCountsEpochsSoPerEpochScheduleDecayTheLearningRate(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(200);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        MultiLayerNetwork net = net(0.5);
        training(s, pre, dir, 2, false, Map.of()).fit(net);
        assertEquals(2, net.getEpochCount());
        Adam adam = (Adam) net.getLayer(0).conf().getLayer().getUpdaterByParam("W");
        assertEquals(1e-2 * 0.25, adam.getLearningRate(net.getIterationCount(), net.getEpochCount()), 1e-15);
    }

    @Test
    void keepsTheBestValidationModelWithItsPreprocessing(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(500);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        CifarTraining t = training(s, pre, dir, 4, false, Map.of());
        Trainer.Result<MultiLayerNetwork> r = t.fit(net(1.0));
        double best = r.state().metric(Trainer.VAL_ACCURACY).stream().mapToDouble(Double::doubleValue).max()
                .orElseThrow();
        assertEquals(best, r.state().bestValue);
        assertEquals(best, t.accuracy(s.val()).of(r.best()), 0.0);
        assertTrue(best > 0.3, "the synthetic classes are learnable: " + best);
        assertTrue(ModelZipPreprocessors.load(dir.resolve(Trainer.BEST_MODEL).toFile()).isPresent());
        assertEquals(List.of(Checkpoint.FILE, Trainer.BEST_MODEL), Files.list(dir).map(p -> p.getFileName()
                .toString()).sorted().toList(), "one checkpoint file and the model; no temporary files left");
    }

    @Test
    void resumeWithoutACheckpointStartsAfreshAndACorruptOneSaysWhere(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(200);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        // resume without a checkpoint: from the first epoch, the same in every job (issue 9)
        assertEquals(1, training(s, pre, dir, 1, true, Map.of()).fit(net(1.0)).state().epochsDone);
        Files.write(dir.resolve(Checkpoint.FILE), new byte[] {1, 2, 3});
        IOException bad = assertThrows(IOException.class,
                () -> training(s, pre, dir, 4, true, Map.of()).fit(net(1.0)));
        assertTrue(bad.getMessage().contains(Checkpoint.FILE), bad.getMessage());
    }

    @Test
    void resumeRefusesAChangedSettingAndNamesBothValues(@TempDir Path dir) throws IOException {
        CifarSplits s = synthetic(200);
        CifarPreprocessor pre = ChannelStandardization.fit(s.train());
        training(s, pre, dir, 1, false, Map.of("lr", 0.01)).fit(net(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training(s, pre, dir, 2, true, Map.of("lr", 0.5)).fit(net(1.0)));
        assertTrue(e.getMessage().contains("lr = 0.01") && e.getMessage().contains("lr = 0.5"), e.getMessage());
        assertEquals(2, training(s, pre, dir, 2, true, Map.of("lr", 0.01)).fit(net(1.0)).state().epochsDone,
                "the same settings with more epochs resume");
    }

    @Test
    void trainsAComputationGraphOnAMultiDataSetIteratorAndSelectsOnALoss(@TempDir Path dir) throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).graphBuilder().addInputs("a", "b")
                .addLayer("h", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(), "a")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(6).nOut(1)
                        .activation(Activation.IDENTITY).build(), "h", "b")
                .setOutputs("out").build();
        Nd4j.getRandom().setSeed(9);
        MultiDataSet mds = new MultiDataSet(new org.nd4j.linalg.api.ndarray.INDArray[] {
            Nd4j.rand(DataType.DOUBLE, 16, 3), Nd4j.rand(DataType.DOUBLE, 16, 2)},
                new org.nd4j.linalg.api.ndarray.INDArray[] {Nd4j.rand(DataType.DOUBLE, 16, 1)});
        EpochEvaluator<org.deeplearning4j.nn.api.Model> loss = net -> Map.of("train_loss",
                ((ComputationGraph) net).score(mds));
        Trainer.Builder b = Trainer.builder().epochs(3).out(dir).evaluator(loss).selectOn("train_loss", false);
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Trainer.Result<ComputationGraph> r = b.build().fit(g, new SingletonMultiDataSetIterator(mds));
        List<Double> losses = r.state().metric("train_loss");
        assertEquals(3, losses.size());
        assertTrue(losses.get(2) < losses.get(0), "SGD lowers the loss: " + losses);
        assertEquals(3, r.state().bestEpoch);
        assertEquals(losses.get(2), r.best().score(mds), 1e-12);
        Trainer.Result<ComputationGraph> more = Trainer.builder().epochs(4).out(dir).evaluator(loss)
                .selectOn("train_loss", false).resume(true).build().fit(g, new SingletonMultiDataSetIterator(mds));
        assertEquals(4, more.state().epochsDone);
    }
}
