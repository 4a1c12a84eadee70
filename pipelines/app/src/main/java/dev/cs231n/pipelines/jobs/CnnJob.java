package dev.cs231n.pipelines.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.datavec.cifar.preprocess.ChannelStandardization;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.nn.ConvNets;
import dev.cs231n.pipelines.nn.NormKind;
import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.train.CifarTraining;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n cnn}: a convolutional net on NCHW CIFAR-10 (49,000 / 1,000 / 1,000, per-channel
 * standardisation fitted on train) with our spatial BatchNorm or GroupNorm, optional flip/crop augmentation,
 * checkpoints every epoch and {@code --resume}. Writes metrics.json ({@code val_accuracy}, {@code test_accuracy},
 * {@code test_accuracy_10k}, {@code epochs}, {@code train_seconds}), loss/accuracy curves and model.zip.
 */
@Command(name = "cnn", mixinStandardHelpOptions = true,
        description = "Convolutional net with our spatial batch/group norm on CIFAR-10 (checkpoints, --resume).")
public final class CnnJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private TrainingOptions train;

    @Option(names = "--arch", defaultValue = "deep",
            description = "three_layer (the course's) or deep (default: ${DEFAULT-VALUE}).")
    private ConvNets.Arch arch;

    @Option(names = "--norm", defaultValue = "batch",
            description = "none, batch or group (default: ${DEFAULT-VALUE}).")
    private NormKind norm;

    @Range(min = 1)
    @Option(names = "--groups", defaultValue = "8", description = "Channel groups of --norm group "
            + "(default: ${DEFAULT-VALUE}).")
    private int groups;

    @Range(min = -1, max = 16)
    @Option(names = "--augment-pad", defaultValue = "4",
            description = "Random flips and crops from a copy padded by this many pixels; -1 for no augmentation "
                    + "(default: ${DEFAULT-VALUE}).")
    private int augmentPad;

    @Override
    public Integer call() throws Exception {
        OneDnnHelpers.enable();
        ConvNets.Spec spec = ConvNets.Spec.builder().arch(arch).norm(norm).groups(groups).reg(train.reg)
                .updater(train.update.updater(train.lr, train.lrDecay)).dataType(DataType.FLOAT).seed(common.seed())
                .build();
        CifarSplits s = train.splits(common);
        ChannelStandardization pre = ChannelStandardization.fit(s.train());
        MultiLayerNetwork net = new MultiLayerNetwork(ConvNets.conf(spec));
        net.init();
        System.out.printf("cnn: %s, norm %s, %d parameters, oneDNN helpers %s%n", arch, norm, net.numParams(),
                OneDnnHelpers.enabled() ? "on" : "off");
        RandomFlipCrop augment = augmentPad < 0 ? null : new RandomFlipCrop(augmentPad, common.seed());
        Map<String, Object> settings = new LinkedHashMap<>(train.settings());
        settings.put("arch", arch);
        settings.put("norm", norm);
        settings.put("groups", groups);
        settings.put("augment-pad", augmentPad);
        CifarTraining training = CifarTraining.builder(s, pre).epochs(train.epochs).batchSize(train.batch)
                .seed(common.seed()).layout(FeatureLayout.NCHW).dataType(DataType.FLOAT).augment(augment)
                .out(common.out()).resume(train.resume).settings(settings).build();
        TrainingReport.write(training.fit(net), training, s, common.out());
        return 0;
    }
}
