package dev.cs231n.pipelines.jobs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.nn.FcNets;
import dev.cs231n.pipelines.nn.NormKind;
import dev.cs231n.pipelines.train.CifarTraining;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n fc-net}: the course's fully-connected net of any depth with none/batch/layer norm and inverted
 * dropout (our custom layers), on flat CIFAR-10 (49,000 / 1,000 / 1,000, mean image subtracted as the course),
 * with checkpoints every epoch and {@code --resume}. Writes metrics.json ({@code val_accuracy},
 * {@code test_accuracy}, {@code test_accuracy_10k}, {@code train_seconds}), learning curves and model.zip.
 */
@Command(name = "fc-net", mixinStandardHelpOptions = true,
        description = "Fully-connected net with our batch/layer norm and dropout on CIFAR-10 (checkpoints, --resume).")
public final class FcNetJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private TrainingOptions train;

    @Range(min = 1)
    @Option(names = "--hidden", defaultValue = "512,256,128", split = ",",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    /** The normalisations a fully-connected net takes (GroupNorm needs channels: not here). */
    enum FcNorm {
        NONE(NormKind.NONE), BATCH(NormKind.BATCH), LAYER(NormKind.LAYER);

        private final NormKind kind;

        FcNorm(NormKind kind) {
            this.kind = kind;
        }
    }

    @Option(names = "--norm", defaultValue = "batch",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private FcNorm norm;

    @Range(min = 0, minExclusive = true, max = 1)
    @Option(names = "--keep-prob", defaultValue = "0.8",
            description = "Dropout keep probability, 1 for none (default: ${DEFAULT-VALUE}).")
    private double keepProb;

    @Range(min = 0)
    @Option(names = "--weight-scale", defaultValue = "0",
            description = "Std of N(0, s²) weight initialisation; 0 for He initialisation (default: ${DEFAULT-VALUE}).")
    private double weightScale;

    @Override
    public Integer call() throws Exception {
        FcNets.Spec spec = FcNets.Spec.builder().inputSize(3072).hidden(hidden).norm(norm.kind).keepProb(keepProb)
                .weightScale(weightScale).reg(train.reg).updater(train.update.updater(train.lr, train.lrDecay))
                .dataType(DataType.FLOAT).seed(common.seed()).build();
        CifarSplits s = train.splits(common);
        MeanImageSubtraction pre = MeanImageSubtraction.fit(s.train());
        MultiLayerNetwork net = new MultiLayerNetwork(FcNets.conf(spec));
        net.init();
        System.out.printf("fc-net: hidden %s, norm %s, keep %.2f, %d parameters%n", Arrays.toString(hidden), norm,
                keepProb, net.numParams());
        Map<String, Object> settings = new LinkedHashMap<>(train.settings());
        settings.put("hidden", Arrays.toString(hidden));
        settings.put("norm", norm);
        settings.put("keep-prob", keepProb);
        settings.put("weight-scale", weightScale);
        CifarTraining training = CifarTraining.builder(s, pre).epochs(train.epochs).batchSize(train.batch)
                .seed(common.seed()).layout(FeatureLayout.FLAT).dataType(DataType.FLOAT).out(common.out())
                .resume(train.resume).settings(settings).build();
        TrainingReport.write(training.fit(net), training, s, common.out());
        return 0;
    }
}
