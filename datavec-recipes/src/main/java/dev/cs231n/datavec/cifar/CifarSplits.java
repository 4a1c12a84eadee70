package dev.cs231n.datavec.cifar;

import java.util.Arrays;

/**
 * The splits a job trains, validates and tests on. {@link #course(CifarDataset, CifarDataset)} gives the
 * course's: train = training images 0..48,999, val = training images 49,000..49,999, test = test images
 * 0..999, and {@link #testFull()} = all 10,000 test images. {@link #full(CifarDataset, CifarDataset)} gives
 * 50,000 / no validation / 10,000. Splits are views of the loaded datasets (no copies); the validation
 * and test images never appear in {@link #train()}.
 */
public final class CifarSplits {

    /** Course training split size. */
    public static final int COURSE_TRAIN = 49_000;
    /** Course validation split size (the last training images). */
    public static final int COURSE_VAL = 1_000;
    /** Course test split size (the first test images). */
    public static final int COURSE_TEST = 1_000;

    private final CifarDataset train;
    private final CifarDataset val;
    private final CifarDataset test;
    private final CifarDataset testFull;

    private CifarSplits(CifarDataset train, CifarDataset val, CifarDataset test, CifarDataset testFull) {
        this.train = train;
        this.val = val;
        this.test = test;
        this.testFull = testFull;
    }

    /**
     * The course's splits (49,000 / 1,000 / 1,000, plus the full test set).
     *
     * @param trainSet the 50,000 training images in official order
     * @param testSet  the 10,000 test images
     * @return the splits
     */
    public static CifarSplits course(CifarDataset trainSet, CifarDataset testSet) {
        if (trainSet.size() != COURSE_TRAIN + COURSE_VAL) {
            throw new IllegalArgumentException("the course splits need the 50,000 training images, got "
                    + trainSet.size() + "; use CifarSplits.of(...) for other sizes");
        }
        return of(trainSet, testSet, COURSE_TRAIN, COURSE_VAL, COURSE_TEST);
    }

    /**
     * All 50,000 training images for training, no validation images, all 10,000 test images as test.
     *
     * @param trainSet the training images
     * @param testSet  the test images
     * @return the splits
     */
    public static CifarSplits full(CifarDataset trainSet, CifarDataset testSet) {
        return new CifarSplits(trainSet, trainSet.range(trainSet.size(), trainSet.size()), testSet, testSet);
    }

    /**
     * General splits: train = training images {@code [0, numTrain)}, val = {@code [numTrain, numTrain +
     * numVal)}, test = test images {@code [0, numTest)}.
     *
     * @param trainSet the training images
     * @param testSet  the test images
     * @param numTrain training split size
     * @param numVal   validation split size
     * @param numTest  test split size
     * @return the splits
     */
    public static CifarSplits of(CifarDataset trainSet, CifarDataset testSet, int numTrain, int numVal, int numTest) {
        if (numTrain < 0 || numVal < 0 || numTest < 0) {
            throw new IllegalArgumentException("split sizes must be >= 0, got " + numTrain + "/" + numVal + "/" + numTest);
        }
        if ((long) numTrain + numVal > trainSet.size()) {
            throw new IllegalArgumentException("numTrain + numVal = " + ((long) numTrain + numVal)
                    + " exceeds the " + trainSet.size() + " training images");
        }
        if (numTest > testSet.size()) {
            throw new IllegalArgumentException("numTest = " + numTest + " exceeds the " + testSet.size() + " test images");
        }
        return new CifarSplits(trainSet.range(0, numTrain), trainSet.range(numTrain, numTrain + numVal),
                testSet.range(0, numTest), testSet);
    }

    /** @return the training split */
    public CifarDataset train() {
        return train;
    }

    /** @return the validation split (empty for {@link #full}) */
    public CifarDataset val() {
        return val;
    }

    /** @return the test split (the course's first 1,000 test images for {@link #course}) */
    public CifarDataset test() {
        return test;
    }

    /** @return all test images */
    public CifarDataset testFull() {
        return testFull;
    }

    /**
     * A small development subset: the first {@code n} images of the training split (the course's
     * {@code num_dev}-style quick subset, without randomness).
     *
     * @param n size, at most {@code train().size()}
     * @return the subset (a view)
     */
    public CifarDataset dev(int n) {
        return train.range(0, n);
    }

    /**
     * The same validation and test splits with only the first {@code n} training images: the course's
     * {@code small_data} for overfitting and initialisation experiments.
     *
     * @param n training images kept, at most {@code train().size()}
     * @return the splits (views)
     */
    public CifarSplits withTrainPrefix(int n) {
        if (n < 0 || n > train.size()) {
            throw new IllegalArgumentException("cannot keep " + n + " of " + train.size() + " training images");
        }
        return new CifarSplits(train.range(0, n), val, test, testFull);
    }

    /**
     * A random subset of the training split without repeats, deterministic from {@code seed}, in
     * ascending index order.
     *
     * @param n    size, at most {@code train().size()}
     * @param seed seed
     * @return the subset (a copy)
     */
    public CifarDataset sample(int n, long seed) {
        return sample(train, n, seed);
    }

    /**
     * A random subset of a dataset without repeats, deterministic from {@code seed}, in ascending index
     * order.
     *
     * @param data the dataset
     * @param n    size, at most {@code data.size()}
     * @param seed seed
     * @return the subset (a copy)
     */
    public static CifarDataset sample(CifarDataset data, int n, long seed) {
        if (n < 0 || n > data.size()) {
            throw new IllegalArgumentException("cannot sample " + n + " of " + data.size() + " images");
        }
        int[] chosen = Arrays.copyOf(Shuffles.permutation(data.size(), seed), n);
        Arrays.sort(chosen);
        return data.select(chosen);
    }
}
