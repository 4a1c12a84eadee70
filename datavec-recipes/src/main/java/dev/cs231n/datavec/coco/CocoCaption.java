package dev.cs231n.datavec.coco;

/**
 * One entry of the annotations file's {@code annotations} array, as written (the text is not cleaned).
 *
 * @param id      the annotation id
 * @param imageId the {@code image_id} it describes
 * @param text    the {@code caption}
 */
public record CocoCaption(long id, long imageId, String text) {
}
