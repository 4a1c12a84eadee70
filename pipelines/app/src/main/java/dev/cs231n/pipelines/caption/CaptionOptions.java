package dev.cs231n.pipelines.caption;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.cs231n.datavec.coco.CocoDir;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.cli.Range;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import picocli.CommandLine.Option;

/**
 * The options {@code caption-rnn} and {@code caption-transformer} share (a picocli mixin); the model's own options
 * and the defaults that differ (epochs, learning rate) are in the jobs.
 */
public final class CaptionOptions {

    @Option(names = "--coco-dir", paramLabel = "DIR", description = "COCO folder laid out as shared/datasets/coco "
            + "(default: $CS231N_DATA/coco, else ~/.cache/cs231n-datasets/coco).")
    Path cocoDir;

    @Option(names = "--encoder", paramLabel = "pixels|DIR", defaultValue = "pixels",
            description = "Frozen image encoder: 'pixels' (the image resized to --pixel-size, 0..1, flattened) or "
                    + "another job's --out folder whose model.zip (cnn or simclr-pretrain) gives the features "
                    + "(default: ${DEFAULT-VALUE}).")
    String encoder;

    @Range(min = -1)
    @Option(names = "--encoder-layer", defaultValue = "-1", description = "Layer of the --encoder model.zip whose "
            + "activations are the features; -1: the layer before its output layer, or for a simclr-pretrain model the "
            + "encoder's output (its last global pooling; default: ${DEFAULT-VALUE}).")
    int encoderLayer;

    @Range(min = 2, max = 224)
    @Option(names = "--pixel-size", defaultValue = "16",
            description = "Side of the resized image of --encoder pixels (default: ${DEFAULT-VALUE}).")
    int pixelSize;

    @Range(min = 0)
    @Option(names = "--overfit-pairs", defaultValue = "50", description = "Training (image, caption) pairs of the "
            + "course's overfitting check; 0 skips it (default: ${DEFAULT-VALUE}).")
    int overfitPairs;

    @Range(min = 1)
    @Option(names = "--batch-size", defaultValue = "25", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Range(min = 1, max = 1000)
    @Option(names = "--beam-width", defaultValue = "3",
            description = "Beam width of the beam-search evaluation; 1 is greedy (default: ${DEFAULT-VALUE}).")
    int beamWidth;

    @Range(min = 1, max = 50)
    @Option(names = "--max-length", defaultValue = "30",
            description = "Most tokens sampled per caption (the course's 30; default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--init", defaultValue = "course", description = "Weight initialisation: 'course' (the "
            + "course's model's own) or 'dl4j' (the configuration's, Xavier; default: ${DEFAULT-VALUE}).")
    Init init;

    /** Weight initialisation of the captioning models. */
    enum Init {
        /** The course's model's own initialisation. */
        course,
        /** DL4J's (the configuration's). */
        dl4j
    }

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.zip (same settings; --epochs may grow); "
            + "the overfitting check runs again.")
    boolean resume;

    /**
     * @param out the output folder
     * @return the frozen encoder the options name
     * @throws IOException when the --encoder folder has no readable model.zip
     */
    ImageEncoder encoder(Path out) throws IOException {
        return "pixels".equals(encoder) ? ImageEncoder.pixels(pixelSize)
                : ImageEncoder.fromRun(Path.of(encoder), encoderLayer);
    }

    /**
     * @param lr    Adam's learning rate
     * @param decay its factor per epoch
     * @return the updater
     */
    static Function<Integer, IUpdater> adam(double lr, double decay) {
        return epochs -> decay == 1.0 ? new Adam(lr)
                : new Adam(new ExponentialSchedule(ScheduleType.EPOCH, lr, decay));
    }

    /**
     * @param job           the job's name
     * @param common        the common options
     * @param model         the model
     * @param overfitEpochs epochs of the overfitting check
     * @param epochs        epochs of the main training
     * @param lr            learning rate
     * @param decay         learning rate decay per epoch
     * @param modelSettings the model's options, for the checkpoint
     * @return the run's settings
     * @throws IOException when the output folder or the encoder cannot be opened
     */
    CaptionRun.Settings settings(String job, CommonOptions common, CaptionRun.Model model, int overfitEpochs,
            int epochs, double lr, double decay, Map<String, Object> modelSettings) throws IOException {
        Path out = common.out();
        Map<String, Object> s = new LinkedHashMap<>(modelSettings);
        s.put("lr", lr);
        s.put("lr-decay", decay);
        s.put("max-length", maxLength);
        s.put("init", init.name());
        CaptionRun.Model initialised = init == Init.dl4j ? model::configuration : model;
        return new CaptionRun.Settings(job, CocoDir.resolve(cocoDir), out, encoder(out), initialised, overfitPairs,
                overfitEpochs, epochs, batch, adam(lr, decay), beamWidth, maxLength, resume, common.seed(), s);
    }
}
