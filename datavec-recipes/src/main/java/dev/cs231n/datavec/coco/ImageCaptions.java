package dev.cs231n.datavec.coco;

import java.util.List;

/**
 * One image with all its captions (in file order): the per-image record, as evaluation with every reference
 * caption needs it.
 *
 * @param image    the image
 * @param captions its captions, at least one
 */
public record ImageCaptions(CocoImage image, List<CocoCaption> captions) {

    /**
     * @param image    the image
     * @param captions its captions
     */
    public ImageCaptions {
        captions = List.copyOf(captions);
    }
}
