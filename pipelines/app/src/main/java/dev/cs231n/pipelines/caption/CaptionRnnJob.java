package dev.cs231n.pipelines.caption;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cs231n.layers.recurrent.CaptioningRnn;
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
 * {@code ./cs231n caption-rnn}: the course's CaptioningRNN ({@link CaptioningRnn}) on frozen image features, on the
 * COCO mini setup ({@link CaptionRun}): the overfitting check, training with checkpoints and {@code --resume},
 * greedy and beam BLEU against the most-frequent-caption baseline; {@code metrics.json}, {@code samples.json},
 * {@code captions.html}, {@code model.zip} (with the vocabulary).
 */
@Command(name = "caption-rnn", mixinStandardHelpOptions = true,
        description = "The course's captioning RNN on COCO (overfit check, BLEU greedy/beam, checkpoints, --resume).")
public class CaptionRnnJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private CaptionOptions caption;

    @Range(min = 1)
    @Option(names = "--word-dim", defaultValue = "256", description = "Word vector size (default: ${DEFAULT-VALUE}).")
    private int wordDim;

    @Range(min = 1)
    @Option(names = "--hidden", defaultValue = "512", description = "RNN hidden size (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Range(min = 1)
    @Option(names = "--overfit-epochs", defaultValue = "50",
            description = "Epochs of the overfitting check (default: ${DEFAULT-VALUE}).")
    private int overfitEpochs;

    @Range(min = 1)
    @Option(names = "--epochs", defaultValue = "20", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr", defaultValue = "5e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Range(min = 0, max = 1, minExclusive = true)
    @Option(names = "--lr-decay", defaultValue = "0.95",
            description = "Learning rate factor per epoch (default: ${DEFAULT-VALUE}).")
    private double lrDecay;

    /** @return the job's name in its outputs (a subclass that trains elsewhere names itself) */
    protected String jobName() {
        return "caption-rnn";
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "rnn");
        m.put("word-dim", wordDim);
        m.put("hidden", hidden);
        long seed = common.seed();
        CaptionRun.Model model = new CaptionRun.Model() {
            @Override
            public ComputationGraphConfiguration configuration(int f, int v, IUpdater updater) {
                return CaptioningRnn.configuration(f, wordDim, hidden, v, updater,
                        DataType.FLOAT, seed);
            }

            @Override
            public void initialize(ComputationGraph g, long s) {
                CaptioningRnn.initializeLikeCourse(g, s);
            }
        };
        new CaptionRun(caption.settings(jobName(), common, model, overfitEpochs, epochs, lr, lrDecay, m), training())
                .run();
        return 0;
    }
}
