package dev.cs231n.pipelines.simclr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarInstaller;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.augment.SimClrPairIterator;
import dev.cs231n.datavec.cifar.augment.SimClrViews;
import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.nn.NormKind;
import dev.cs231n.pipelines.plot.LinePlot;
import dev.cs231n.pipelines.train.TrainState;
import dev.cs231n.pipelines.train.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n simclr-pretrain}: self-supervised SimCLR pretraining on the CIFAR-10 training images (the course's
 * 49,000, labels unused), two augmented views per image ({@link SimClrViews}, rendered ahead on a background thread),
 * encoder + projection head + NT-Xent ({@link SimClrNets}), Adam, on the {@link Trainer}: a checkpoint every epoch,
 * {@code --resume}, and the kNN monitor ({@link KnnMonitor}: a labelled bank of training images, the course's 1,000
 * validation images as queries) after each epoch. Writes {@code metrics.json} ({@code final_loss}, {@code epochs},
 * {@code train_seconds}, {@code knn_monitor_accuracy}, ...), {@code loss.png}, {@code knn.png}, {@code model.zip}
 * (the epoch with the best monitor accuracy) and {@code simclr.json} (the architecture, for {@code simclr-eval}).
 */
@Command(name = "simclr-pretrain", mixinStandardHelpOptions = true,
        description = "SimCLR self-supervised pretraining on CIFAR-10 (NT-Xent, kNN monitor, checkpoints, --resume).")
public class SimClrPretrainJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Range(min = 1)
    @Option(names = "--epochs", defaultValue = "50", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Range(min = 1)
    @Option(names = {"--batch-size", "--pairs"}, defaultValue = "128",
            description = "Images (pairs of views) per minibatch N; the network sees 2N views (default: ${DEFAULT-VALUE}).")
    private int pairs;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--tau", defaultValue = "0.5", description = "NT-Xent temperature (default: ${DEFAULT-VALUE}).")
    private double tau;

    @Option(names = "--norm", defaultValue = "batch",
            description = "Encoder normalisation: none, batch or group (default: ${DEFAULT-VALUE}).")
    private NormKind norm;

    @Range(min = 1)
    @Option(names = "--groups", defaultValue = "8", description = "Groups of --norm group (default: ${DEFAULT-VALUE}).")
    private int groups;

    @Range(min = 1)
    @Option(names = "--hidden", defaultValue = "512", description = "Head's hidden width (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Range(min = 1)
    @Option(names = "--projection", defaultValue = "128",
            description = "Head's output width (default: ${DEFAULT-VALUE}).")
    private int projection;

    @Range(min = 0)
    @Option(names = "--l2", defaultValue = "1e-6",
            description = "L2 regularisation of convolution and dense weights (default: ${DEFAULT-VALUE}).")
    private double l2;

    @Range(min = 2, max = 49000)
    @Option(names = "--num-train", defaultValue = "49000",
            description = "Pretrain on the first N of the course's 49,000 training images (default: ${DEFAULT-VALUE}).")
    private int numTrain;

    @Range(min = 1, max = 49000)
    @Option(names = "--knn-bank", defaultValue = "10000",
            description = "Labelled training images in the kNN monitor's bank (default: ${DEFAULT-VALUE}).")
    private int knnBank;

    @Range(min = 1)
    @Option(names = "--knn-k", defaultValue = "200", description = "kNN monitor's k (default: ${DEFAULT-VALUE}).")
    private int knnK;

    @Range(min = 1)
    @Option(names = "--prefetch", defaultValue = "2",
            description = "Minibatches of views rendered ahead (default: ${DEFAULT-VALUE}).")
    private int prefetch;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.zip: every setting must be the same as the "
            + "checkpoint's, except --epochs, which may grow; starts from the first epoch, saying so, when there is no "
            + "checkpoint yet.")
    private boolean resume;

    /** @return the job's name in its outputs (a subclass that trains elsewhere names itself) */
    protected String jobName() {
        return "simclr-pretrain";
    }

    /** @return the common options (output folder, seed, data folder) */
    protected final CommonOptions common() {
        return common;
    }

    /** @return who runs the training: the {@link SimClrTraining#TRAINER} in this JVM (the Spark job: Spark) */
    protected SimClrTraining training() {
        return SimClrTraining.TRAINER;
    }

    @Override
    public Integer call() throws Exception {
        OneDnnHelpers.enable();
        SimClrSpec spec = new SimClrSpec(norm, groups, hidden, projection, tau, l2);
        Path out = common.out();
        if (numTrain < 2 * pairs || numTrain > CifarSplits.COURSE_TRAIN) {
            throw new IllegalArgumentException("--num-train must be in [2 x --batch-size, " + CifarSplits.COURSE_TRAIN
                    + "], got " + numTrain);
        }
        Path batches = CifarInstaller.locateOrDownload(common.dataDir());
        CifarSplits s = CifarSplits.course(CifarDataset.loadTrain(batches), CifarDataset.loadTest(batches));
        CifarDataset train = s.train().range(0, numTrain);
        CifarDataset bank = CifarSplits.sample(train, Math.min(knnBank, train.size()), common.seed());
        MultiLayerNetwork net = SimClrNets.pretraining(spec, new Adam(lr), common.seed());
        if (resume && Files.isRegularFile(out.resolve(SimClrSpec.FILE))) {
            SimClrSpec stored = SimClrSpec.read(out);
            if (!stored.equals(spec)) {
                throw new IllegalArgumentException("--resume: " + out.resolve(SimClrSpec.FILE) + " holds " + stored
                        + ", this run has " + spec + "; use the same options, or another --out for a new run");
            }
        } else {
            spec.write(out);
        }
        System.out.printf(jobName() + ": %d images, %d pairs per minibatch, %d parameters, oneDNN helpers %s%n",
                train.size(), pairs, net.numParams(), OneDnnHelpers.enabled() ? "on" : "off");

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("batch-size", pairs);
        settings.put("lr", lr);
        settings.put("tau", tau);
        settings.put("norm", norm);
        settings.put("groups", groups);
        settings.put("hidden", hidden);
        settings.put("projection", projection);
        settings.put("l2", l2);
        settings.put("num-train", numTrain);
        settings.put("knn-bank", bank.size());
        settings.put("knn-k", knnK);
        settings.put("seed", common.seed());
        Trainer.Result<MultiLayerNetwork> r;
        double renderSeconds;
        double waitSeconds;
        long renderedPairs;
        try (SimClrPairIterator it = new SimClrPairIterator(train, pairs, SimClrViews.course(), common.seed(),
                prefetch)) {
            r = training().fit(net, it, new SimClrTraining.Spec(epochs, out, resume, settings,
                    new KnnMonitor(spec, bank, s.val(), knnK), KnnMonitor.METRIC, it.batchesPerEpoch()));
            renderSeconds = it.renderSeconds();
            waitSeconds = it.waitSeconds();
            renderedPairs = it.renderedPairs();
        }
        TrainState st = r.state();
        double[] x = st.epochAxis();
        double[] knn = st.metricArray(KnnMonitor.METRIC);
        Metrics m = new Metrics().put("final_loss", st.trainLoss.get(st.trainLoss.size() - 1))
                .put("epochs", st.epochsDone).put("train_seconds", st.trainSeconds)
                .put("knn_monitor_accuracy", knn[knn.length - 1]).put("best_knn_monitor_accuracy", st.bestValue)
                .put("best_epoch", st.bestEpoch).put("data_wait_seconds", waitSeconds);
        if (renderSeconds > 0) {
            m.put("augment_pairs_per_second", renderedPairs / renderSeconds);
        }
        m.write(out);
        new LinePlot("SimCLR NT-Xent loss", "epoch", "mean loss").add("train", x, st.trainLossArray())
                .write(out.resolve("loss.png"));
        new LinePlot("kNN monitor (k = " + knnK + ", cosine)", "epoch", "accuracy").add("val (1,000)", x, knn)
                .write(out.resolve("knn.png"));
        System.out.printf(Locale.ROOT, "final loss %.4f, kNN monitor %.4f (best %.4f, epoch %d); %.0f s training, "
                + "%.1f s waiting for data%n", st.trainLoss.get(st.trainLoss.size() - 1), knn[knn.length - 1],
                st.bestValue, st.bestEpoch, st.trainSeconds, waitSeconds);
        return 0;
    }
}
