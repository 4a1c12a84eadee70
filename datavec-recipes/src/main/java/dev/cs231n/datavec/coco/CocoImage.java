package dev.cs231n.datavec.coco;

/**
 * One entry of the annotations file's {@code images} array.
 *
 * @param id       the COCO image id
 * @param fileName its {@code file_name}, relative to the image directory
 * @param width    its {@code width} in pixels (0 when the file gives none)
 * @param height   its {@code height} in pixels (0 when the file gives none)
 */
public record CocoImage(long id, String fileName, int width, int height) {
}
