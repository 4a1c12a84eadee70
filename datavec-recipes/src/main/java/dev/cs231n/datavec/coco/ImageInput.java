package dev.cs231n.datavec.coco;

import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The image side of a captioning example, looked up by a key: decoded pixels ({@link CocoImageLoader#forCaptions})
 * or a precomputed feature row ({@link FeatureTable}).
 */
public interface ImageInput {

    /** @return the shape of one example, without the batch dimension: {@code [D]} or {@code [3, H, W]} */
    long[] exampleShape();

    /**
     * @param key the image's key (a COCO image id, or a feature row as the course's {@code *_image_idxs})
     * @return its input with a leading batch dimension of 1, FLOAT
     * @throws CocoFormatException naming the file and the image when it cannot be had (a missing feature row, a
     *                             file that does not decode)
     * @throws IOException         on read errors
     */
    INDArray load(long key) throws IOException;

    /**
     * @param key a key
     * @return a short description of the image for messages (its file, or its feature row)
     */
    String describe(long key);

    /**
     * @param failure what a {@link #load(long)} threw
     * @return the reason it is counted under when skipping is asked for
     */
    SkipReport.Reason failureReason(IOException failure);
}
