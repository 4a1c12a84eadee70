package dev.cs231n.pipelines.train;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.augment.RandomFlipCrop;
import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.progress.Progress;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;

/**
 * Trains a DL4J network on the course's CIFAR-10 splits epoch by epoch, with a progress bar, a checkpoint after
 * every epoch and {@code --resume}:
 *
 * <ul>
 * <li>{@code OUT/checkpoint/model.zip} (network + updater state) and {@code OUT/checkpoint/state.json}
 * ({@link TrainState}) are replaced atomically after each epoch; a resumed run loads both and continues with the
 * next epoch, with the same shuffles and augmentation as an uninterrupted run.</li>
 * <li>{@code OUT/model.zip} is the network of the best validation epoch, with its preprocessing inside
 * ({@link ModelZipPreprocessors}).</li>
 * </ul>
 */
public final class NetTrainer {

    /** Sample of training images on which training accuracy is measured each epoch. */
    static final int TRAIN_ACCURACY_SAMPLE = 1000;

    /**
     * How to train.
     *
     * @param epochs    total epochs (a resumed run trains the remaining ones)
     * @param batchSize minibatch size
     * @param seed      seed of shuffles and augmentation
     * @param layout    input layout of the network
     * @param dtype     data type of the network
     * @param augment   random flip + crop padding, or null for none (NCHW only)
     * @param out       output folder
     */
    public record Options(int epochs, int batchSize, long seed, FeatureLayout layout, DataType dtype,
            RandomFlipCrop augment, Path out) {
    }

    /**
     * The outcome.
     *
     * @param best  the network of the best validation epoch
     * @param state the run's history
     */
    public record Result(MultiLayerNetwork best, TrainState state) {
    }

    private final Options opt;

    /** @param opt how to train */
    public NetTrainer(Options opt) {
        this.opt = opt;
    }

    /** @return {@code OUT/checkpoint/model.zip} */
    public Path checkpointModel() {
        return opt.out().resolve("checkpoint").resolve("model.zip");
    }

    /** @return {@code OUT/checkpoint/state.json} */
    public Path checkpointState() {
        return opt.out().resolve("checkpoint").resolve("state.json");
    }

    /** @return {@code OUT/model.zip}, the best network */
    public Path bestModel() {
        return opt.out().resolve("model.zip");
    }

    /**
     * @param fresh  the freshly initialised network (ignored when resuming)
     * @param splits the course's splits
     * @param pre    preprocessing fitted on the training split
     * @param resume continue from the checkpoint in OUT
     * @return the best network and the history
     * @throws IOException when a checkpoint cannot be written or read
     */
    public Result fit(MultiLayerNetwork fresh, CifarSplits splits, CifarPreprocessor pre, boolean resume)
            throws IOException {
        MultiLayerNetwork net = fresh;
        TrainState state = new TrainState();
        if (resume) {
            if (!Files.exists(checkpointState())) {
                throw new IOException("--resume: no checkpoint in " + checkpointState().getParent()
                        + " (run without --resume first)");
            }
            state = TrainState.read(checkpointState());
            net = restore(checkpointModel());
            System.out.println("resuming after epoch " + state.epochsDone + " of " + opt.epochs());
        }
        CifarDataSetIterator it = CifarDataSetIterator.builder(splits.train()).batchSize(opt.batchSize())
                .layout(opt.layout()).dataType(opt.dtype()).shuffle(opt.seed())
                .preProcessor(opt.augment() == null ? pre : new CompositeDataSetPreProcessor(pre, opt.augment()))
                .build();
        CifarDataset trainSample = CifarSplits.sample(splits.train(),
                Math.min(TRAIN_ACCURACY_SAMPLE, splits.train().size()), opt.seed());
        int batches = (splits.train().size() + opt.batchSize() - 1) / opt.batchSize();
        for (int epoch = state.epochsDone; epoch < opt.epochs(); epoch++) {
            it.setEpoch(epoch);
            if (opt.augment() != null) {
                opt.augment().setEpoch(epoch);
            }
            long t0 = System.nanoTime();
            double lossSum = 0;
            int steps = 0;
            try (ProgressBar pb = Progress.start("epoch " + (epoch + 1) + "/" + opt.epochs(), batches)) {
                while (it.hasNext()) {
                    DataSet ds = it.next();
                    net.fit(ds);
                    lossSum += net.score();
                    steps++;
                    pb.step();
                    pb.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.3f", lossSum / steps));
                }
            }
            state.trainSeconds += (System.nanoTime() - t0) / 1e9;
            double val = Accuracy.of(net, splits.val(), opt.layout(), opt.dtype(), pre);
            double train = Accuracy.of(net, trainSample, opt.layout(), opt.dtype(), pre);
            state.trainLoss.add(lossSum / Math.max(1, steps));
            state.trainAccuracy.add(train);
            state.valAccuracy.add(val);
            state.epochsDone = epoch + 1;
            System.out.printf(java.util.Locale.ROOT, "epoch %d: loss %.4f, train acc %.4f, val acc %.4f%n",
                    epoch + 1, lossSum / Math.max(1, steps), train, val);
            if (val > state.bestVal) {
                state.bestVal = val;
                state.bestEpoch = epoch + 1;
                save(net, bestModel(), pre, false);
            }
            save(net, checkpointModel(), null, true);
            state.write(checkpointState());
        }
        return new Result(restore(bestModel()), state);
    }

    private static void save(MultiLayerNetwork net, Path file, CifarPreprocessor pre, boolean withUpdater)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".model", ".zip.tmp");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), withUpdater);
            if (pre != null) {
                ModelZipPreprocessors.save(tmp.toFile(), pre);
            }
            AtomicFiles.move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static MultiLayerNetwork restore(Path file) throws IOException {
        File f = file.toFile();
        try {
            return ModelSerializer.restoreMultiLayerNetwork(f, true);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Cannot restore network from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param state a run's history
     * @return the epochs 1..n as doubles, for plots
     */
    public static double[] epochAxis(TrainState state) {
        List<Double> x = new ArrayList<>();
        for (int e = 1; e <= state.epochsDone; e++) {
            x.add((double) e);
        }
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
