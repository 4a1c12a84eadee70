package dev.cs231n.datavec.coco;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The course's caption text handling (CS231n assignment 3: the preprocessing behind its {@code coco2014_captions.h5},
 * whose {@code coco_utils.decode_captions} {@link Vocabulary#decode(int[])} mirrors): lower-case, ASCII punctuation
 * removed (so {@code "man's"} becomes {@code "mans"}, as the course's vocabulary has no punctuation), then split on
 * whitespace. Token sequences ({@link Vocabulary#encode(String, int)}) are {@code <START>} + words + {@code <END>},
 * padded with {@code <NULL>} to a fixed length: {@value #COURSE_MAX_TOKENS} tokens in the course's file, so at most
 * {@value #COURSE_MAX_WORDS} words. Longer captions are cut to that many words (the course's files do not show how
 * its preprocessing treated them).
 */
public final class CaptionText {

    /** Token sequence length of the course's HDF5 captions ({@code train_captions} is {@code [N, 17]}). */
    public static final int COURSE_MAX_TOKENS = 17;
    /** Words that fit between {@code <START>} and {@code <END>} in {@value #COURSE_MAX_TOKENS} tokens. */
    public static final int COURSE_MAX_WORDS = COURSE_MAX_TOKENS - 2;

    private CaptionText() {
    }

    /**
     * @param caption a raw caption, e.g. {@code "A black Honda motorcycle parked in front of a garage."}
     * @return its words, e.g. {@code [a, black, honda, motorcycle, parked, in, front, of, a, garage]}; empty for
     *         a caption with no word
     */
    public static List<String> words(String caption) {
        String lower = caption.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!isAsciiPunctuation(c)) {
                sb.append(c);
            }
        }
        List<String> out = new ArrayList<>();
        for (String w : sb.toString().trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * @param caption a raw caption
     * @return true when it holds no word (see {@link #words(String)})
     */
    public static boolean isEmpty(String caption) {
        return caption == null || words(caption).isEmpty();
    }

    private static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
