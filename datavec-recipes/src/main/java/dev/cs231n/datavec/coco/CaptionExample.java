package dev.cs231n.datavec.coco;

import java.util.ArrayList;
import java.util.List;

/**
 * One training example: an image key (for {@link ImageInput#load(long)}) and its caption's {@code T} token ids
 * ({@code <START>} ... {@code <END>} {@code <NULL>}...).
 *
 * @param imageKey the image's key: a COCO image id, or a feature row
 * @param tokens   the token ids
 */
public record CaptionExample(long imageKey, int[] tokens) {

    /**
     * @param imageKey the image's key
     * @param tokens   the token ids, at least 2
     */
    public CaptionExample {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("a caption needs at least 2 tokens, got " + tokens.length);
        }
        tokens = tokens.clone();
    }

    /**
     * One example per caption of an annotations file, keyed by COCO image id, in file order.
     *
     * @param captions   the annotations
     * @param vocabulary the vocabulary
     * @param maxTokens  tokens per caption ({@value CaptionText#COURSE_MAX_TOKENS} in the course)
     * @return the examples
     */
    public static List<CaptionExample> of(CocoCaptions captions, Vocabulary vocabulary, int maxTokens) {
        List<CaptionExample> out = new ArrayList<>(captions.captions().size());
        for (CocoCaption c : captions.captions()) {
            out.add(new CaptionExample(c.imageId(), vocabulary.encode(c.text(), maxTokens)));
        }
        return out;
    }

    /**
     * One example per caption of a course HDF5 split, keyed by feature row ({@code s_image_idxs}).
     *
     * @param split the split
     * @return the examples
     */
    public static List<CaptionExample> of(CourseCaptionsH5.Split split) {
        List<CaptionExample> out = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            out.add(new CaptionExample(split.imageIdxs()[i], split.captions()[i]));
        }
        return out;
    }
}
