package dev.cs231n.datavec.coco;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Malformed or inconsistent COCO input: the message names the file, the item (an image id, an annotation id,
 * a dataset name or a row) and, for JSON, the line and column where Jackson reported them.
 */
public class CocoFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String item;
    private final long line;
    private final long column;
    private final String detail;

    /**
     * @param file   the file at fault
     * @param item   the item at fault, e.g. {@code "annotation id 38 (image_id 179765)"}, or null
     * @param line   1-based JSON line, or -1 when not known
     * @param column 1-based JSON column, or -1 when not known
     * @param detail what is wrong
     * @param cause  the underlying error, or null
     */
    public CocoFormatException(Path file, String item, long line, long column, String detail, Throwable cause) {
        super(message(String.valueOf(file), item, line, column, detail), cause);
        this.file = String.valueOf(file);
        this.item = item;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /**
     * @param file   the file at fault
     * @param item   the item at fault, or null
     * @param detail what is wrong
     */
    public CocoFormatException(Path file, String item, String detail) {
        this(file, item, -1, -1, detail, null);
    }

    private static String message(String file, String item, long line, long column, String detail) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (item != null) {
            sb.append(item).append(": ");
        }
        return sb.append(detail).toString();
    }

    /** @return the file at fault, as given */
    public String file() {
        return file;
    }

    /** @return the item at fault, or null */
    public String item() {
        return item;
    }

    /** @return the 1-based JSON line, or -1 */
    public long line() {
        return line;
    }

    /** @return what is wrong, without the file and item */
    public String detail() {
        return detail;
    }

    /** @return the 1-based JSON column, or -1 */
    public long column() {
        return column;
    }
}
