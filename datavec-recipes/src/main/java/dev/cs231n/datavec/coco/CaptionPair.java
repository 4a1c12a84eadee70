package dev.cs231n.datavec.coco;

/**
 * One (image, caption) record: a caption joined to the image it describes.
 *
 * @param image   the image
 * @param caption one of its captions
 */
public record CaptionPair(CocoImage image, CocoCaption caption) {
}
