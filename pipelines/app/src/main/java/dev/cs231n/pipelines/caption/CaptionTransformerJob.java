package dev.cs231n.pipelines.caption;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cs231n.layers.transformer.CaptioningTransformer;
import dev.cs231n.layers.transformer.FeedForwardActivation;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.cli.Range;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n caption-transformer}: the course's CaptioningTransformer ({@link CaptioningTransformer}) on frozen
 * image features, on the COCO mini setup ({@link CaptionRun}), with the same outputs as {@code caption-rnn}.
 */
@Command(name = "caption-transformer", mixinStandardHelpOptions = true,
        description = "The course's captioning transformer on COCO (overfit check, BLEU greedy/beam, checkpoints, "
                + "--resume).")
public class CaptionTransformerJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private CaptionOptions caption;

    @Range(min = 2)
    @Option(names = "--word-dim", defaultValue = "256",
            description = "Model width (even, divisible by --heads; default: ${DEFAULT-VALUE}).")
    private int wordDim;

    @Range(min = 1)
    @Option(names = "--heads", defaultValue = "2", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    private int heads;

    @Range(min = 1)
    @Option(names = "--layers", defaultValue = "2", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    private int layers;

    @Range(min = 1)
    @Option(names = "--ffn", defaultValue = "2048",
            description = "Feed-forward width of each decoder layer (the course's; default: ${DEFAULT-VALUE}).")
    private int ffn;

    @Range(min = 0, max = 0.99)
    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout (default: ${DEFAULT-VALUE}).")
    private double dropout;

    @Range(min = 1)
    @Option(names = "--overfit-epochs", defaultValue = "100",
            description = "Epochs of the overfitting check (default: ${DEFAULT-VALUE}).")
    private int overfitEpochs;

    @Range(min = 1)
    @Option(names = "--epochs", defaultValue = "20", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Range(min = 0, max = 1, minExclusive = true)
    @Option(names = "--lr-decay", defaultValue = "1.0",
            description = "Learning rate factor per epoch (the course's transformer: none; default: "
                    + "${DEFAULT-VALUE}).")
    private double lrDecay;

    /** @return the job's name in its outputs (a subclass that trains elsewhere names itself) */
    protected String jobName() {
        return "caption-transformer";
    }

    /** @return the common options (output folder, seed, data folder) */
    protected final CommonOptions common() {
        return common;
    }

    /** @return who runs the main training: the {@link CaptionRun#TRAINER} in this JVM (the Spark job: Spark) */
    protected CaptionRun.Training training() {
        return CaptionRun.TRAINER;
    }

    @Override
    public Integer call() throws Exception {
        if (wordDim % heads != 0 || wordDim % 2 != 0) {
            throw new IllegalArgumentException("--word-dim must be even and divisible by --heads, got " + wordDim
                    + " and " + heads);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "transformer");
        m.put("word-dim", wordDim);
        m.put("heads", heads);
        m.put("layers", layers);
        m.put("ffn", ffn);
        m.put("dropout", dropout);
        long seed = common.seed();
        CaptionRun.Model model = new CaptionRun.Model() {
            @Override
            public ComputationGraphConfiguration configuration(int f, int v, IUpdater updater) {
                return CaptioningTransformer.configuration(f, wordDim, heads, layers,
                        ffn, v, CaptioningTransformer.DEFAULT_MAX_LENGTH, dropout, FeedForwardActivation.RELU, updater,
                        DataType.FLOAT, seed);
            }

            @Override
            public void initialize(ComputationGraph g, long s) {
                CaptioningTransformer.initializeLikeCourse(g, s);
            }
        };
        new CaptionRun(caption.settings(jobName(), common, model, overfitEpochs, epochs, lr, lrDecay, m), training())
                .run();
        return 0;
    }
}
