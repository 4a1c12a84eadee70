package dev.cs231n.datavec.cifar;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A CIFAR-10 file that does not follow the official format. The message names the file and, where the
 * problem lies in one record, that record's index (0-based, within the file) and byte offset.
 */
public class CifarFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long recordIndex;
    private final long byteOffset;

    /**
     * A problem with the file as a whole (its size, or a directory without batch files).
     *
     * @param file    the file or directory
     * @param problem what is wrong, as a sentence fragment
     */
    public CifarFormatException(Path file, String problem) {
        this(file.toString(), problem);
    }

    /**
     * A problem with a whole source given by name (a file path or URI).
     *
     * @param source  the file name or URI
     * @param problem what is wrong, as a sentence fragment
     */
    public CifarFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.file = source;
        this.recordIndex = -1;
        this.byteOffset = -1;
    }

    /**
     * A problem located at one record.
     *
     * @param file        the file
     * @param recordIndex the record's index within the file, from 0
     * @param byteOffset  the byte offset in the file where the problem is
     * @param problem     what is wrong, as a sentence fragment
     */
    public CifarFormatException(Path file, long recordIndex, long byteOffset, String problem) {
        this(file.toString(), recordIndex, byteOffset, problem);
    }

    /**
     * A problem located at one record of a source given by name (a file path or URI).
     *
     * @param source      the file name or URI
     * @param recordIndex the record's index within the source, from 0
     * @param byteOffset  the byte offset in the source where the problem is
     * @param problem     what is wrong, as a sentence fragment
     */
    public CifarFormatException(String source, long recordIndex, long byteOffset, String problem) {
        super(source + ": record " + recordIndex + " at byte offset " + byteOffset + ": " + problem);
        this.file = source;
        this.recordIndex = recordIndex;
        this.byteOffset = byteOffset;
    }

    /** @return the file (or directory) the problem is in, as given to the reader */
    public String getFile() {
        return file;
    }

    /** @return the record's index within the file, or -1 when the problem is not in one record */
    public long getRecordIndex() {
        return recordIndex;
    }

    /** @return the byte offset of the problem in the file, or -1 when the problem is not in one record */
    public long getByteOffset() {
        return byteOffset;
    }
}
