package dev.cs231n.datavec.coco;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader skipped because the caller asked for bad items to be skipped ({@code skipBad}): a count per
 * {@link Reason} and the first {@value #KEPT_MESSAGES} messages, each naming the file and the item as the
 * error would have. Thread-safe.
 */
public final class SkipReport {

    /** How many messages are kept (all skips are counted). */
    public static final int KEPT_MESSAGES = 20;

    /** Why an item was skipped. */
    public enum Reason {
        /** An annotation names an {@code image_id} that the {@code images} array does not hold. */
        UNKNOWN_IMAGE_ID,
        /** A caption is empty, or holds no word once lower-cased and stripped of punctuation. */
        EMPTY_CAPTION,
        /** A caption's image file is not in the image directory. */
        MISSING_IMAGE_FILE,
        /** An image file exists but does not decode. */
        UNDECODABLE_IMAGE,
        /** An image has no precomputed feature row. */
        MISSING_FEATURES
    }

    private final Map<Reason, Long> counts = new EnumMap<>(Reason.class);
    private final List<String> messages = new ArrayList<>();

    /**
     * Records one skip.
     *
     * @param reason  why
     * @param message the message the error would have carried
     */
    public synchronized void add(Reason reason, String message) {
        counts.merge(reason, 1L, Long::sum);
        if (messages.size() < KEPT_MESSAGES) {
            messages.add(reason + ": " + message);
        }
    }

    /**
     * @param reason a reason
     * @return how many items were skipped for it
     */
    public synchronized long count(Reason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /** @return all skips */
    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the first {@value #KEPT_MESSAGES} messages */
    public synchronized List<String> messages() {
        return Collections.unmodifiableList(new ArrayList<>(messages));
    }

    /** @return counts by reason, e.g. {@code "skipped 2: UNKNOWN_IMAGE_ID=1, EMPTY_CAPTION=1"} */
    @Override
    public synchronized String toString() {
        if (counts.isEmpty()) {
            return "skipped 0";
        }
        StringBuilder sb = new StringBuilder("skipped ").append(total()).append(':');
        String sep = " ";
        for (Map.Entry<Reason, Long> e : counts.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return sb.toString();
    }
}
