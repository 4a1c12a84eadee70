package dev.cs231n.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
import dev.cs231n.datavec.cifar.preprocess.ChannelStandardization;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.cli.JobPlugin;
import dev.cs231n.pipelines.cli.Range;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.nn.ConvNets;
import dev.cs231n.pipelines.nn.FcNets;
import dev.cs231n.pipelines.nn.NormKind;
import dev.cs231n.pipelines.nn.UpdateRule;
import dev.cs231n.pipelines.plot.LinePlot;
import dev.cs231n.pipelines.train.CifarAccuracy;
import dev.cs231n.pipelines.train.CifarTraining;
import dev.cs231n.pipelines.train.EpochEvaluator;
import dev.cs231n.pipelines.train.TrainState;
import dev.cs231n.pipelines.train.Trainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n spark-train}: fc-net or cnn, with the same configurations, data, preprocessing (fitted on the
 * driver, training split only), evaluation, checkpoints, {@code --resume} and metrics.json keys as the
 * {@code fc-net} and {@code cnn} jobs, trained by a DL4J Spark training master ({@code --training-master averaging}
 * or {@code sharing}) on {@code --spark MASTER}: {@code local[K]} in this JVM, {@code local-cluster[N,C,M]} in N
 * executor JVMs on this machine, any other URL under {@code spark-submit} with the shaded jar.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = "fc-net or cnn trained on Spark by DL4J's parameter averaging or gradient sharing "
                + "(checkpoints, --resume).")
public final class SparkTrainJob implements JobPlugin {

    /** The networks. */
    enum Net { FC, CNN }

    /** fc-net's normalisations. */
    enum FcNorm {
        NONE(NormKind.NONE), BATCH(NormKind.BATCH), LAYER(NormKind.LAYER);

        private final NormKind kind;

        FcNorm(NormKind kind) {
            this.kind = kind;
        }
    }

    @Mixin
    private CommonOptions common;

    @Option(names = "--net", defaultValue = "fc", description = "fc (fc-net) or cnn (default: ${DEFAULT-VALUE}).")
    private Net net;

    @Mixin
    private SparkOptions spark;

    @Mixin
    private WorkerPrefetchOption prefetch;

    @Range(min = 1)
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Range(min = 1)
    @Option(names = "--batch-size", defaultValue = "128",
            description = "Minibatch size of each worker (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--update-rule", defaultValue = "adam",
            description = "Update rule: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private UpdateRule update;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr", defaultValue = "1e-3", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Range(min = 0, minExclusive = true, max = 1)
    @Option(names = "--lr-decay", defaultValue = "0.95",
            description = "Learning-rate factor per epoch (default: ${DEFAULT-VALUE}).")
    private double lrDecay;

    @Range(min = 0)
    @Option(names = "--reg", defaultValue = "1e-4",
            description = "L2 regularisation of the weights (default: ${DEFAULT-VALUE}).")
    private double reg;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.zip (every setting but --epochs and "
            + "--spark must be the checkpoint's); from the first epoch, saying so, when there is none.")
    private boolean resume;

    @Range(min = 1, max = 49000)
    @Option(names = "--num-train", defaultValue = "49000",
            description = "Train on the first N of the course's 49,000 training images (default: ${DEFAULT-VALUE}).")
    private int numTrain;

    @Range(min = 1)
    @Option(names = "--hidden", defaultValue = "512,256,128", split = ",",
            description = "fc: hidden layer sizes (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(names = "--norm", defaultValue = "batch", description = "fc: none, batch or layer (default: "
            + "${DEFAULT-VALUE}).")
    private FcNorm norm;

    @Range(min = 0, minExclusive = true, max = 1)
    @Option(names = "--keep-prob", defaultValue = "0.8",
            description = "fc: dropout keep probability, 1 for none (default: ${DEFAULT-VALUE}).")
    private double keepProb;

    @Range(min = 0)
    @Option(names = "--weight-scale", defaultValue = "0",
            description = "fc: std of N(0, s²) weight initialisation, 0 for He (default: ${DEFAULT-VALUE}).")
    private double weightScale;

    @Option(names = "--arch", defaultValue = "deep", description = "cnn: three_layer or deep (default: "
            + "${DEFAULT-VALUE}).")
    private ConvNets.Arch arch;

    @Option(names = "--cnn-norm", defaultValue = "batch", description = "cnn: none, batch or group (default: "
            + "${DEFAULT-VALUE}).")
    private NormKind cnnNorm;

    @Range(min = 1)
    @Option(names = "--groups", defaultValue = "8", description = "cnn: groups of --cnn-norm group (default: "
            + "${DEFAULT-VALUE}).")
    private int groups;

    @Range(min = -1, max = 16)
    @Option(names = "--augment-pad", defaultValue = "4",
            description = "cnn: random flips and crops from a copy padded by this many pixels, -1 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    private int augmentPad;

    @Override
    public Integer call() throws Exception {
        // Spark first, the data after: a JVM without the module options or a master that cannot be reached fails
        // before minutes of loading
        try (SparkOptions.Session session = spark.workerPrefetch(prefetch)
                .start("cs231n spark-train " + net.name().toLowerCase(Locale.ROOT))) {
            JavaSparkContext sc = session.context();
            String m = session.master();
            CifarSplits s = common.courseSplits(numTrain);
            boolean fc = net == Net.FC;
            FeatureLayout layout = fc ? FeatureLayout.FLAT : FeatureLayout.NCHW;
            CifarPreprocessor pre = fc ? MeanImageSubtraction.fit(s.train()) : ChannelStandardization.fit(s.train());
            MultiLayerConfiguration conf = fc ? fcConf() : cnnConf();
            MultiLayerNetwork fresh = new MultiLayerNetwork(conf);
            fresh.init();
            Map<String, Object> settings = settings(s.train().size());
            Path out = common.out();
            int w = session.workers();
            System.out.printf(Locale.ROOT, "spark-train: %s on %s, %s, %d workers x batch %d, %d parameters%s%n",
                    fc ? "fc-net " + Arrays.toString(hidden) + " norm " + norm + " keep " + keepProb
                            : "cnn " + arch + " norm " + cnnNorm, m, spark.trainingMaster(), w, batch,
                    fresh.numParams(),
                    fc ? "" : ", oneDNN helpers " + (OneDnnHelpers.enabled() ? "on" : "off") + " on the driver");
            RandomFlipCrop augment = fc || augmentPad < 0 ? null : new RandomFlipCrop(augmentPad, common.seed());
            SparkCifarData data = new SparkCifarData(sc, s.train(), batch, layout, DataType.FLOAT, common.seed(), pre,
                    augment, w);
            CifarDataset trainSample = CifarSplits.sample(s.train(),
                    Math.min(CifarTraining.TRAIN_ACCURACY_SAMPLE, s.train().size()), common.seed());
            EpochEvaluator<org.deeplearning4j.nn.api.Model> eval = EpochEvaluator.all(
                    new CifarAccuracy(s.val(), layout, DataType.FLOAT, pre).as(Trainer.VAL_ACCURACY),
                    new CifarAccuracy(trainSample, layout, DataType.FLOAT, pre).as(Trainer.TRAIN_ACCURACY));
            // the epoch's loss: the driver's network's score (regularisation included) on the training-accuracy sample
            DataSet lossSample = CifarDataSetIterator.builder(trainSample).batchSize(trainSample.size()).layout(layout)
                    .dataType(DataType.FLOAT).noShuffle().preProcessor(pre).build().next();
            SparkTrainer.Builder builder = session.timeouts(SparkTrainer.builder().epochs(epochs).out(out)
                    .resume(resume).settings(settings).evaluator(eval)
                    .loss(n -> ((MultiLayerNetwork) n).score(lossSample, false))
                    .modelWriter((n, file) -> {
                        ModelSerializer.writeModel(n, file.toFile(), false);
                        ModelZipPreprocessors.save(file.toFile(), pre);
                    }));
            if (spark.batchNormBatches() > 0) {
                builder.batchNormStatistics(data::iterator, spark.batchNormBatches());
            }
            SparkTrainer trainer = builder.build();
            Trainer.Result<MultiLayerNetwork> r;
            try {
                r = trainer.fit(sc, fresh, session.trainingMaster(batch, common.seed()), data, session.hint());
            } catch (RuntimeException e) {
                throw session.explain(e);
            }
            report(r, trainer, s, layout, pre, m, w, out);
        }
        return 0;
    }

    private MultiLayerConfiguration fcConf() {
        return FcNets.conf(FcNets.Spec.builder().inputSize(3072).hidden(hidden).norm(norm.kind).keepProb(keepProb)
                .weightScale(weightScale).reg(reg).updater(update.updater(lr, lrDecay)).dataType(DataType.FLOAT)
                .seed(common.seed()).build());
    }

    private MultiLayerConfiguration cnnConf() {
        // the shim that lets DL4J's conv layers use oneDNN: in this JVM (local[K]); executors in other JVMs train on
        // DL4J's Java path (correct, slower)
        OneDnnHelpers.enable();
        return ConvNets.conf(ConvNets.Spec.builder().arch(arch).norm(cnnNorm).groups(groups).reg(reg)
                .updater(update.updater(lr, lrDecay)).dataType(DataType.FLOAT).seed(common.seed()).build());
    }

    private Map<String, Object> settings(int trainSize) {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("net", net);
        st.put("update-rule", update);
        st.put("lr", lr);
        st.put("lr-decay", lrDecay);
        st.put("reg", reg);
        if (net == Net.FC) {
            st.put("hidden", Arrays.toString(hidden));
            st.put("norm", norm);
            st.put("keep-prob", keepProb);
            st.put("weight-scale", weightScale);
        } else {
            st.put("arch", arch);
            st.put("cnn-norm", cnnNorm);
            st.put("groups", groups);
            st.put("augment-pad", augmentPad);
        }
        st.putAll(spark.settings(batch));
        st.put("seed", common.seed());
        st.put("num-train", trainSize);
        return st;
    }

    private void report(Trainer.Result<MultiLayerNetwork> r, SparkTrainer trainer, CifarSplits s, FeatureLayout layout,
                        CifarPreprocessor pre, String m, int w, Path out) throws IOException {
        TrainState st = r.state();
        double test = new CifarAccuracy(s.test(), layout, DataType.FLOAT, pre).of(r.best());
        double test10k = new CifarAccuracy(s.testFull(), layout, DataType.FLOAT, pre).of(r.best());
        Metrics mt = new Metrics().put("val_accuracy", st.bestValue).put("test_accuracy", test)
                .put("test_accuracy_10k", test10k).put("epochs", st.epochsDone).put("best_epoch", st.bestEpoch)
                .put("train_seconds", st.trainSeconds).put("spark_master", m)
                .put("training_master", spark.trainingMaster().toString()).put("workers", w).put("batch_size_per_worker", batch)
                .put("num_train", s.train().size());
        List<Double> sec = trainer.epochSeconds();
        if (!sec.isEmpty()) {
            double last = sec.get(sec.size() - 1);
            mt.put("epoch_seconds_first", sec.get(0)).put("epoch_seconds_last", last)
                    .put("images_per_second_last_epoch", s.train().size() / last);
        }
        mt.write(out);
        double[] x = st.epochAxis();
        new LinePlot("Training loss (1,000-image training sample, on the driver)", "epoch", "loss").add("train", x, st.trainLossArray())
                .write(out.resolve("loss.png"));
        new LinePlot("Accuracy", "epoch", "accuracy")
                .add("train (1,000 sample)", x, st.metricArray(Trainer.TRAIN_ACCURACY))
                .add("val", x, st.metricArray(Trainer.VAL_ACCURACY)).write(out.resolve("accuracy.png"));
        System.out.printf(Locale.ROOT, "best val %.4f (epoch %d); test %.4f (first 1,000), %.4f (all 10,000); %.0f s "
                + "training%n", st.bestValue, st.bestEpoch, test, test10k, st.trainSeconds);
    }
}
