package dev.cs231n.searches.run;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.searches.store.TrialContext;

/** A {@link TrialContext} outside any store: records the reported epochs; the lease is always held. */
final class RecordingContext implements TrialContext {

    final List<Integer> epochs = new ArrayList<>();
    final List<Double> scores = new ArrayList<>();
    private final int index;

    RecordingContext(int index) {
        this.index = index;
    }

    @Override
    public int candidateIndex() {
        return index;
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public String device() {
        return "cpu";
    }

    @Override
    public void reportEpoch(int epoch, double score) {
        epochs.add(epoch);
        scores.add(score);
    }

    @Override
    public boolean leaseHeld() {
        return true;
    }

    @Override
    public void checkLease() {
    }
}
