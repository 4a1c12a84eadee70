package dev.cs231n.pipelines.compat;

import java.util.List;

/**
 * One job whose persisted files are stored as compatibility artifacts under {@code compat/<version>/<job>/}, with
 * the tiny settings it ran with ({@link #args()}; {@value #DATA_DIR} and {@value #OUT} stand for the data and output
 * folders). The settings are spelled out in full, defaults included, so that a later change of a default does not
 * change what the stored command means.
 */
public enum JobCase {

    /** The course's two-layer net + Solver: {@code model.zip} (TwoLayerModelZip) and {@code checkpoint.zip}. */
    TWO_LAYER("two-layer", List.of("--hidden", "4", "--lr", "1e-4", "--reg", "0.1", "--epochs", "1", "--batch",
            "1000", "--update-rule", "sgd_momentum", "--lr-decay", "0.95", "--weight-scale", "1e-3", "--dtype",
            "float"), List.of("model.zip", "checkpoint.zip"), Resume.MORE_EPOCHS, Outputs.TWO_LAYER),

    /** Linear SVM: {@code model.zip} (LinearModelFile); no checkpoint. */
    SVM("svm", List.of("--learning-rates", "5e-7", "--regs", "1e3,1e4", "--iterations", "100", "--batch-size",
            "200"), List.of("model.zip"), Resume.NONE, Outputs.LINEAR),

    /** Softmax classifier: {@code model.zip} (LinearModelFile); no checkpoint. */
    SOFTMAX("softmax", List.of("--learning-rates", "5e-7", "--regs", "1e3,1e4", "--iterations", "100",
            "--batch-size", "200"), List.of("model.zip"), Resume.NONE, Outputs.LINEAR),

    /** HOG + hue features, SVM and two-layer net on them: writes metrics.json only (no model). */
    FEATURES("features", List.of("--svm-lrs", "1e-2", "--svm-regs", "1e-3", "--hidden", "20", "--net-lrs", "0.3",
            "--net-regs", "1e-3", "--net-epochs", "1"), List.of(), Resume.NONE, Outputs.NONE),

    /** Fully-connected net with BatchNorm and InvertedDropout: best {@code model.zip} and the epoch checkpoint. */
    FC_NET("fc-net", List.of("--hidden", "4,4", "--norm", "batch", "--keep-prob", "0.8", "--weight-scale", "0",
            "--epochs", "1", "--batch", "50", "--update", "adam", "--lr", "1e-2", "--lr-decay", "0.95", "--reg",
            "1e-4", "--num-train", "2000"), List.of("model.zip", "checkpoint/model.zip", "checkpoint/state.json"),
            Resume.MORE_EPOCHS, Outputs.DL4J_FLAT),

    /**
     * The deep conv net with spatial BatchNorm and flip/crop augmentation: best {@code model.zip} and the epoch
     * checkpoint. The cnn job has no width option, so the smallest net it makes is the deep one (~115,000 float
     * parameters, ~0.45 MB per copy); plain SGD keeps the checkpoint free of updater state.
     */
    CNN("cnn", List.of("--arch", "deep", "--norm", "batch", "--groups", "8", "--augment-pad", "2", "--epochs", "1",
            "--batch", "50", "--update", "sgd", "--lr", "1e-2", "--lr-decay", "0.95", "--reg", "1e-4", "--num-train",
            "200"), List.of("model.zip", "checkpoint/model.zip", "checkpoint/state.json"), Resume.MORE_EPOCHS,
            Outputs.DL4J_NCHW),

    /** The batchnorm vs weight-scale experiment: {@code results.json} (one TrainState per finished run). */
    BN_WEIGHT_SCALE("bn-weight-scale", List.of("--scales", "2", "--num-train", "1000", "--hidden", "8,8", "--epochs",
            "1", "--batch", "50", "--lr", "1e-3"), List.of("results.json"), Resume.LAST_RUN_AGAIN, Outputs.NONE),

    /**
     * The course's captioning RNN on pixel features of the synthetic COCO folder ({@value #COCO_DIR}): {@code
     * model.zip} (ComputationGraph with the vocabulary inside), the trainer's one-file {@code checkpoint.zip} and
     * the feature cache {@code features.h5}. Added to v1 in December 2026 (the captioning jobs' first format).
     */
    CAPTION_RNN("caption-rnn", List.of("--coco-dir", JobCase.COCO_DIR, "--encoder", "pixels", "--encoder-layer",
            "-1", "--pixel-size", "4", "--word-dim", "8", "--hidden", "16", "--overfit-pairs", "6",
            "--overfit-epochs", "4", "--batch-size", "6", "--lr", "2e-2", "--lr-decay", "0.95", "--epochs", "1",
            "--beam-width", "2", "--max-length", "30", "--init", "course"),
            List.of("model.zip", "checkpoint.zip", "features.h5"), Resume.MORE_EPOCHS, Outputs.CAPTION),

    /** The captioning transformer, same data and files as {@link #CAPTION_RNN}; added to v1 in December 2026. */
    CAPTION_TRANSFORMER("caption-transformer", List.of("--coco-dir", JobCase.COCO_DIR, "--encoder", "pixels",
            "--encoder-layer", "-1", "--pixel-size", "4", "--word-dim", "8", "--heads", "2", "--layers", "1", "--ffn",
            "16", "--dropout", "0.1", "--overfit-pairs", "6", "--overfit-epochs", "4", "--batch-size", "6", "--lr",
            "5e-3", "--lr-decay", "1.0", "--epochs", "1", "--beam-width", "2", "--max-length", "30", "--init",
            "course"), List.of("model.zip", "checkpoint.zip", "features.h5"), Resume.MORE_EPOCHS, Outputs.CAPTION);

    /** Placeholder of the {@code --data-dir} value in {@code args.txt}. */
    public static final String DATA_DIR = "${DATA_DIR}";
    /** The captioning jobs' {@code --coco-dir}: the synthetic COCO folder inside the data folder. */
    public static final String COCO_DIR = DATA_DIR + "/coco";
    /** Placeholder of the {@code --out} value in {@code args.txt}. */
    public static final String OUT = "${OUT}";
    /** The seed of every job run. */
    public static final String SEED = "7";
    /** How many of the course's test images the stored model outputs cover. */
    public static final int OUTPUT_IMAGES = 20;

    /** How {@code --resume} is exercised. */
    public enum Resume {
        /** The job has no {@code --resume}. */
        NONE,
        /** The stored checkpoint is resumed with {@code --epochs} one higher. */
        MORE_EPOCHS,
        /**
         * bn-weight-scale: {@code results.json} without its last run is resumed with the same settings (a resumed
         * job must keep them), which re-runs that run only; the metrics must equal the uninterrupted job's.
         */
        LAST_RUN_AGAIN
    }

    /** Which stored model outputs the case has. */
    public enum Outputs {
        /** No model. */
        NONE,
        /** TwoLayerModelZip scores, its ModelSerializer probabilities, and the checkpoint's scores. */
        TWO_LAYER,
        /** LinearModelFile scores. */
        LINEAR,
        /** model.zip and checkpoint/model.zip probabilities on flat input. */
        DL4J_FLAT,
        /** model.zip and checkpoint/model.zip probabilities on NCHW input. */
        DL4J_NCHW,
        /**
         * Captioning graphs: model.zip's and checkpoint.zip's softmax outputs on stored features with fixed token
         * inputs, and model.zip's greedy captions.
         */
        CAPTION
    }

    private final String job;
    private final List<String> options;
    private final List<String> persisted;
    private final Resume resume;
    private final Outputs outputs;

    JobCase(String job, List<String> options, List<String> persisted, Resume resume, Outputs outputs) {
        this.job = job;
        this.options = options;
        this.persisted = persisted;
        this.resume = resume;
        this.outputs = outputs;
    }

    /** @return the job's command name, also the artifact folder's name */
    public String job() {
        return job;
    }

    /** @return the full command line, with placeholders for the data and output folders */
    public List<String> args() {
        List<String> a = new java.util.ArrayList<>(List.of(job, "--data-dir", DATA_DIR, "--out", OUT, "--seed",
                SEED));
        a.addAll(options);
        return a;
    }

    /** @return the files the job persists and the artifact stores, relative to OUT (metrics.json aside) */
    public List<String> persisted() {
        return persisted;
    }

    /** @return how --resume is exercised */
    public Resume resume() {
        return resume;
    }

    /** @return which model outputs are stored */
    public Outputs outputs() {
        return outputs;
    }
}
