package dev.cs231n.searches.run;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The data of a search: a fresh training and validation iterator for every candidate, and the test split, which
 * stays closed while the search runs. Candidates train on {@link #train()} and are scored on {@link #validation()}
 * only; {@link #test()} throws between {@link #beginSearch()} and {@link #endSearch()}, so a task that reached for the
 * test split would fail (and be recorded FAILED with this class's message) rather than select on it. After the
 * search the best candidate is evaluated on {@link #test()} once. The counters say how often each split was opened.
 */
public final class SearchSplits {

    private final Supplier<DataSetIterator> train;
    private final Supplier<DataSetIterator> validation;
    private final Supplier<DataSetIterator> test;
    private final AtomicBoolean searching = new AtomicBoolean();
    private final AtomicInteger trainReads = new AtomicInteger();
    private final AtomicInteger validationReads = new AtomicInteger();
    private final AtomicInteger testReads = new AtomicInteger();
    private final AtomicInteger testRefusals = new AtomicInteger();

    private SearchSplits(Supplier<DataSetIterator> train, Supplier<DataSetIterator> validation,
            Supplier<DataSetIterator> test) {
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * @param train      makes a new iterator over the training split (its own order; not shared between threads)
     * @param validation makes a new iterator over the validation split
     * @param test       makes a new iterator over the test split
     * @return the splits, the test split open until {@link #beginSearch()}
     */
    public static SearchSplits of(Supplier<DataSetIterator> train, Supplier<DataSetIterator> validation,
            Supplier<DataSetIterator> test) {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("a search needs train, validation and test iterators");
        }
        return new SearchSplits(train, validation, test);
    }

    /** @return a new iterator over the training split */
    public DataSetIterator train() {
        trainReads.incrementAndGet();
        return train.get();
    }

    /** @return a new iterator over the validation split, which scores the candidates */
    public DataSetIterator validation() {
        validationReads.incrementAndGet();
        return validation.get();
    }

    /**
     * @return a new iterator over the test split
     * @throws IllegalStateException while a search runs
     */
    public DataSetIterator test() {
        if (searching.get()) {
            testRefusals.incrementAndGet();
            throw new IllegalStateException("the test split is not read during a search: candidates are scored on "
                    + "the validation split, and the best one is evaluated on the test split once, after the search");
        }
        testReads.incrementAndGet();
        return test.get();
    }

    /** Closes the test split: from now until {@link #endSearch()}, {@link #test()} throws. */
    public void beginSearch() {
        searching.set(true);
    }

    /** Opens the test split again, for the evaluation of the best candidate. */
    public void endSearch() {
        searching.set(false);
    }

    /** @return whether a search is running (the test split closed) */
    public boolean searching() {
        return searching.get();
    }

    /** @return how many training iterators were made */
    public int trainReads() {
        return trainReads.get();
    }

    /** @return how many validation iterators were made */
    public int validationReads() {
        return validationReads.get();
    }

    /** @return how many test iterators were made (never during a search) */
    public int testReads() {
        return testReads.get();
    }

    /** @return how many times the test split was asked for during a search (and refused) */
    public int testRefusals() {
        return testRefusals.get();
    }
}
