package dev.cs231n.classic.solver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An update rule's state for one parameter: named arrays of the parameter's shape (the course's
 * {@code config['velocity']}, {@code config['cache']}, {@code config['m']}, {@code config['v']}) and the step
 * count {@code t} (Adam's bias correction). A checkpoint saves and restores it.
 */
public final class UpdateState {

    private final Map<String, INDArray> slots;
    private long step;

    /**
     * @param slots the state arrays by name (kept, not copied)
     * @param step  the number of updates already applied
     */
    public UpdateState(Map<String, INDArray> slots, long step) {
        this.slots = new LinkedHashMap<>(slots);
        this.step = step;
    }

    /**
     * @param w     the parameter whose shape and type the slots take
     * @param names the slot names
     * @return zero-filled slots, step 0
     */
    public static UpdateState zeros(INDArray w, List<String> names) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, w.ulike().assign(0));
        }
        return new UpdateState(m, 0);
    }

    /**
     * @param name a slot name
     * @return that slot's array (updated in place by the rule)
     * @throws IllegalStateException when the state has no such slot
     */
    public INDArray slot(String name) {
        INDArray a = slots.get(name);
        if (a == null) {
            throw new IllegalStateException("update state has no slot '" + name + "'; slots: " + slots.keySet());
        }
        return a;
    }

    /** @return the slots by name (read-only view) */
    public Map<String, INDArray> slots() {
        return Collections.unmodifiableMap(slots);
    }

    /** @return the number of updates applied so far (Adam's {@code t}) */
    public long step() {
        return step;
    }

    /** @return the step count after counting one more update */
    long advance() {
        return ++step;
    }
}
