package dev.cs231n.pipelines.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarInstaller;
import dev.cs231n.datavec.cifar.CifarSplits;
import picocli.CommandLine.Option;

/**
 * The options every job takes (where the data is, where outputs go, and the seed) and the one place where a job
 * gets its CIFAR-10: {@link #cifarBatches()} finds the batch files (or downloads them), {@link #cifarTrainSet()} and
 * {@link #cifarTestSet()} load the official sets, {@link #courseSplits()} cuts the course's splits from them. Each is
 * computed once per job run (the mixin belongs to one run) and shared by the later calls.
 */
public final class CommonOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding cifar-10-batches-bin/ (default: env CS231N_DATA, else "
                    + "~/.cache/cs231n-datasets; downloaded there when missing).")
    private Path dataDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "runs/${COMMAND-NAME}")
    private Path out;

    @Range // any seed is fine
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--overwrite", description = "Remove the outputs of an earlier run in --out first (without it, "
            + "a new run into a folder holding outputs is refused; a job with --resume continues them instead).")
    private boolean overwrite;

    private Path batches;
    private CifarDataset trainSet;
    private CifarDataset testSet;
    private CifarSplits courseSplits;

    /** @return the --data-dir given, or null to use the environment's default */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * @return the output folder, created if missing
     * @throws IOException when it cannot be created
     */
    public Path out() throws IOException {
        Files.createDirectories(out);
        return out;
    }

    /** @return the --out given (or its default), without creating it */
    public Path outOption() {
        return out;
    }

    /** @return whether --overwrite was given */
    public boolean overwrite() {
        return overwrite;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * The {@code cifar-10-batches-bin} folder: under {@code --data-dir} (or that folder itself), else under
     * {@code $CS231N_DATA}, else under {@code ~/.cache/cs231n-datasets}; downloaded and verified there when the
     * batches are missing ({@link CifarInstaller#locateOrDownload}). Located once per run.
     *
     * @return the folder holding the six batch files and {@code batches.meta.txt}
     * @throws IOException when the data is neither there nor downloadable (the message says where to put it)
     */
    public Path cifarBatches() throws IOException {
        if (batches == null) {
            batches = CifarInstaller.locateOrDownload(dataDir);
        }
        return batches;
    }

    /**
     * @return all 50,000 training images in the official order, loaded once per run
     * @throws IOException when the files are missing or malformed (the message names the file and record)
     */
    public CifarDataset cifarTrainSet() throws IOException {
        if (trainSet == null) {
            trainSet = CifarDataset.loadTrain(cifarBatches());
        }
        return trainSet;
    }

    /**
     * @return all 10,000 test images in the official order, loaded once per run
     * @throws IOException when the file is missing or malformed (the message names the file and record)
     */
    public CifarDataset cifarTestSet() throws IOException {
        if (testSet == null) {
            testSet = CifarDataset.loadTest(cifarBatches());
        }
        return testSet;
    }

    /**
     * The course's splits: train = the first 49,000 training images, val = the last 1,000, test = the first 1,000
     * test images (what {@code test_accuracy} means), testFull = all 10,000 ({@code test_accuracy_10k}). Views of
     * {@link #cifarTrainSet()} and {@link #cifarTestSet()}, built once per run; a job that trains on fewer images
     * takes {@code courseSplits().withTrainPrefix(n)}.
     *
     * @return the splits
     * @throws IOException when the data cannot be found, downloaded or read
     */
    public CifarSplits courseSplits() throws IOException {
        if (courseSplits == null) {
            courseSplits = CifarSplits.course(cifarTrainSet(), cifarTestSet());
        }
        return courseSplits;
    }

    /**
     * The course's splits with only the first {@code numTrain} of the 49,000 training images (a job's
     * {@code --num-train}); val, test and testFull unchanged.
     *
     * @param numTrain training images kept, in {@code 1 .. 49,000}; checked before any data is loaded
     * @return {@link #courseSplits()}, or its training prefix
     * @throws IllegalArgumentException naming {@code --num-train} when it is out of range
     * @throws IOException              when the data cannot be found, downloaded or read
     */
    public CifarSplits courseSplits(int numTrain) throws IOException {
        checkNumTrain(numTrain);
        return numTrain == CifarSplits.COURSE_TRAIN ? courseSplits() : courseSplits().withTrainPrefix(numTrain);
    }

    /**
     * @param numTrain a job's {@code --num-train}
     * @throws IllegalArgumentException naming the option and its range when it is not in {@code 1 .. 49,000}
     */
    private static void checkNumTrain(int numTrain) {
        if (numTrain < 1 || numTrain > CifarSplits.COURSE_TRAIN) {
            throw new IllegalArgumentException("--num-train must be in 1.." + CifarSplits.COURSE_TRAIN + ", got "
                    + numTrain);
        }
    }
}
