package dev.cs231n.pipelines.simclr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarInstaller;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.train.CifarTraining;
import dev.cs231n.pipelines.train.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n simclr-eval --encoder DIR}: evaluates the encoder of a {@code simclr-pretrain} run (its
 * {@code model.zip} and {@code simclr.json}) as the course and the literature do:
 * <ol>
 * <li>linear evaluation: logistic regression ({@link LinearProbe}) on the frozen encoder's representations of the
 * 50,000 training images, accuracy on the 10,000 test images ({@code linear_test_accuracy});</li>
 * <li>kNN evaluation: weighted cosine kNN (k = 200) of the test representations against the training ones
 * ({@code knn_test_accuracy});</li>
 * <li>the floor: both for the same encoder randomly initialised ({@code random_linear_test_accuracy},
 * {@code random_knn_test_accuracy});</li>
 * <li>the course's comparison with 10 % of the labels: the pretrained encoder + a softmax layer fine-tuned end to end
 * on the first 5,000 training images ({@code finetune10_test_accuracy}) against the same network trained from
 * scratch on them ({@code scratch10_test_accuracy}); both with flip/crop augmentation, the same settings and the
 * same epoch selection on the course's 1,000 validation images, accuracy on the 10,000 test images.</li>
 * </ol>
 * Writes {@code metrics.json}; the fine-tuning runs keep their checkpoints in {@code OUT/finetune10} and
 * {@code OUT/scratch10}.
 */
@Command(name = "simclr-eval", mixinStandardHelpOptions = true,
        description = "Evaluates a SimCLR encoder: linear and kNN evaluation, random-encoder floor, fine-tuning on 10 %% "
                + "of the labels vs training from scratch.")
public final class SimClrEvalJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Option(names = "--encoder", required = true, paramLabel = "DIR",
            description = "The --out folder of a simclr-pretrain run (model.zip, simclr.json).")
    private Path encoder;

    @Range(min = 1, max = 50000)
    @Option(names = "--num-train", defaultValue = "50000",
            description = "Training images whose representations train the linear probe and fill the kNN bank "
                    + "(default: ${DEFAULT-VALUE}).")
    private int numTrain;

    @Range(min = 1, max = 10000)
    @Option(names = "--num-test", defaultValue = "10000",
            description = "Test images evaluated (default: ${DEFAULT-VALUE}).")
    private int numTest;

    @Range(min = 1)
    @Option(names = "--linear-epochs", defaultValue = "30",
            description = "Epochs of the linear probe (default: ${DEFAULT-VALUE}).")
    private int linearEpochs;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--linear-lr", defaultValue = "1e-3",
            description = "Adam's learning rate of the linear probe (default: ${DEFAULT-VALUE}).")
    private double linearLr;

    @Range(min = 1)
    @Option(names = "--knn-k", defaultValue = "200", description = "kNN's k (default: ${DEFAULT-VALUE}).")
    private int knnK;

    @Range(min = 1, max = 50000)
    @Option(names = "--label-fraction-images", defaultValue = "5000",
            description = "Labelled training images of the fine-tuning comparison, 10 %% of 50,000 "
                    + "(default: ${DEFAULT-VALUE}).")
    private int fewLabels;

    @Range(min = 1)
    @Option(names = "--finetune-epochs", defaultValue = "20",
            description = "Epochs of fine-tuning and of training from scratch; 0 skips the comparison "
                    + "(default: ${DEFAULT-VALUE}).")
    private int finetuneEpochs;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--finetune-lr", defaultValue = "1e-3",
            description = "Adam's learning rate of fine-tuning and of training from scratch (default: ${DEFAULT-VALUE}).")
    private double finetuneLr;

    @Range(min = 1)
    @Option(names = "--batch-size", defaultValue = "128",
            description = "Minibatch of fine-tuning and training from scratch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Override
    public Integer call() throws Exception {
        OneDnnHelpers.enable();
        Path out = common.out();
        SimClrSpec spec = SimClrSpec.read(encoder);
        Path modelZip = encoder.resolve(Trainer.BEST_MODEL);
        if (!Files.isRegularFile(modelZip)) {
            throw new IOException(modelZip + " is missing: --encoder must be the --out folder of a simclr-pretrain run "
                    + "that finished at least one epoch");
        }
        MultiLayerNetwork pretrained = ModelSerializer.restoreMultiLayerNetwork(modelZip.toFile(), false);
        Path batches = CifarInstaller.locateOrDownload(common.dataDir());
        CifarDataset trainSet = CifarDataset.loadTrain(batches);
        CifarDataset testSet = CifarDataset.loadTest(batches);
        if (numTrain < 1 || numTrain > trainSet.size() || numTest < 1 || numTest > testSet.size()) {
            throw new IllegalArgumentException("--num-train must be in [1, " + trainSet.size() + "] and --num-test in "
                    + "[1, " + testSet.size() + "]");
        }
        CifarDataset train = trainSet.range(0, numTrain);
        CifarDataset test = testSet.range(0, numTest);
        Metrics m = new Metrics();

        long t0 = System.nanoTime();
        Map<String, Double> pre = frozen(spec, pretrained, train, test, "pretrained");
        m.put("linear_test_accuracy", pre.get("linear")).put("knn_test_accuracy", pre.get("knn"));
        MultiLayerNetwork random = SimClrNets.pretraining(spec, new Adam(1e-3), common.seed());
        Map<String, Double> floor = frozen(spec, random, train, test, "random");
        m.put("random_linear_test_accuracy", floor.get("linear")).put("random_knn_test_accuracy", floor.get("knn"));
        m.put("frozen_eval_seconds", (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "linear %.4f, kNN %.4f; random encoder: linear %.4f, kNN %.4f%n",
                pre.get("linear"), pre.get("knn"), floor.get("linear"), floor.get("knn"));

        if (finetuneEpochs > 0) {
            CifarSplits few = CifarSplits.of(trainSet, testSet, CifarSplits.COURSE_TRAIN, CifarSplits.COURSE_VAL,
                    numTest).withTrainPrefix(fewLabels);
            MultiLayerNetwork tuned = SimClrNets.classifier(spec, new Adam(finetuneLr), common.seed());
            SimClrNets.copyEncoder(spec, pretrained, tuned);
            double ft = fewLabels(few, tuned, out.resolve("finetune10"));
            MultiLayerNetwork scratch = SimClrNets.classifier(spec, new Adam(finetuneLr), common.seed());
            double sc = fewLabels(few, scratch, out.resolve("scratch10"));
            m.put("finetune10_test_accuracy", ft).put("scratch10_test_accuracy", sc).put("label_images", fewLabels);
            System.out.printf(Locale.ROOT, "%d labels: fine-tuned %.4f, from scratch %.4f%n", fewLabels, ft, sc);
        }
        m.put("eval_seconds", (System.nanoTime() - t0) / 1e9);
        m.write(out);
        return 0;
    }

    private Map<String, Double> frozen(SimClrSpec spec, MultiLayerNetwork net, CifarDataset train,
            CifarDataset test, String which) {
        long t0 = System.nanoTime();
        INDArray hTrain = CleanImages.features(spec, net, train);
        INDArray hTest = CleanImages.features(spec, net, test);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s encoder: features of %d training and %d test images in %.1f s%n", which,
                train.size(), test.size(), (t1 - t0) / 1e9);
        double linear = new LinearProbe(linearEpochs, linearLr, 1e-4, 256, common.seed())
                .testAccuracy(hTrain, train.labels(), hTest, test.labels());
        long t2 = System.nanoTime();
        double knn = new KnnClassifier(hTrain, train.labels(), Math.min(knnK, train.size()),
                KnnClassifier.DEFAULT_TEMPERATURE).accuracy(hTest, test.labels());
        System.out.printf(Locale.ROOT, "%s encoder: linear probe %.4f (%d epochs, %.1f s), kNN %.4f (%.1f s)%n", which,
                linear, linearEpochs, (t2 - t1) / 1e9, knn, (System.nanoTime() - t2) / 1e9);
        return Map.of("linear", linear, "knn", knn);
    }

    private double fewLabels(CifarSplits few, MultiLayerNetwork net, Path dir) throws IOException {
        Files.createDirectories(dir);
        CifarTraining t = CifarTraining.builder(few, CleanImages.normalisation()).epochs(finetuneEpochs)
                .batchSize(batch).seed(common.seed()).layout(FeatureLayout.NCHW).dataType(DataType.FLOAT)
                .augment(new RandomFlipCrop(4, common.seed())).out(dir).resume(false)
                .settings(Map.of("finetune-lr", finetuneLr)).build();
        MultiLayerNetwork best = t.fit(net).best();
        return t.accuracy(few.testFull()).of(best);
    }
}
