package dev.cs231n.datavec.cifar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and validates CIFAR-10 binary batch files (format: {@link CifarFormat}) with bulk IO.
 *
 * <p>Every read checks, before returning anything: the file exists and is a regular file; its size is
 * not 0 and is a multiple of {@value CifarFormat#RECORD_BYTES}; it holds the expected number of records
 * (when the reader has an expectation: {@link #OFFICIAL} expects {@value CifarFormat#RECORDS_PER_FILE});
 * it did not shrink while being read; and every label byte is 0..9. Violations raise a
 * {@link CifarFormatException} naming the file and, where it applies, the record index and byte offset;
 * a missing file raises {@link NoSuchFileException}. Records are returned raw (stride
 * {@value CifarFormat#RECORD_BYTES}, label byte first), exactly as stored.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CifarBatchReader {

    /** Expects the official {@value CifarFormat#RECORDS_PER_FILE} records per file. */
    public static final CifarBatchReader OFFICIAL = new CifarBatchReader(CifarFormat.RECORDS_PER_FILE);
    /** Accepts any positive number of whole records per file (for subsets and synthetic files). */
    public static final CifarBatchReader ANY_LENGTH = new CifarBatchReader(0);

    private static final int READ_CHUNK = 1 << 20;

    private final int expectedRecords;

    private CifarBatchReader(int expectedRecords) {
        this.expectedRecords = expectedRecords;
    }

    /**
     * A reader that requires exactly {@code recordsPerFile} records in every file.
     *
     * @param recordsPerFile the required count, at least 1
     * @return the reader
     */
    public static CifarBatchReader expecting(int recordsPerFile) {
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("recordsPerFile must be at least 1, got " + recordsPerFile
                    + " (use CifarBatchReader.ANY_LENGTH to accept any count)");
        }
        return new CifarBatchReader(recordsPerFile);
    }

    /** @return the number of records required per file, or 0 when any positive count is accepted */
    public int expectedRecords() {
        return expectedRecords;
    }

    /**
     * Checks a file's existence and size and returns how many records it holds.
     *
     * @param file a batch file
     * @return its record count
     * @throws NoSuchFileException  if the file does not exist
     * @throws CifarFormatException if it is not a regular file, is empty, is not a whole number of
     *                              records, or does not hold the expected count
     * @throws IOException          on other read errors
     */
    public int countRecords(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "CIFAR-10 batch file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new CifarFormatException(file, "not a regular file; expected a CIFAR-10 batch file");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new CifarFormatException(file, "file is empty (0 bytes); a CIFAR-10 batch file holds records of "
                    + CifarFormat.RECORD_BYTES + " bytes");
        }
        long whole = size / CifarFormat.RECORD_BYTES;
        long rest = size % CifarFormat.RECORD_BYTES;
        if (rest != 0) {
            throw new CifarFormatException(file, whole, whole * CifarFormat.RECORD_BYTES,
                    "file size " + size + " is not a multiple of " + CifarFormat.RECORD_BYTES
                            + ": the last record is truncated (" + rest + " of " + CifarFormat.RECORD_BYTES
                            + " bytes)");
        }
        if (expectedRecords > 0 && whole < expectedRecords) {
            throw new CifarFormatException(file, whole, size, "file is truncated: it holds " + whole
                    + " records (" + size + " bytes), expected " + expectedRecords + " ("
                    + (long) expectedRecords * CifarFormat.RECORD_BYTES + " bytes)");
        }
        if (expectedRecords > 0 && whole > expectedRecords) {
            throw new CifarFormatException(file, expectedRecords, (long) expectedRecords * CifarFormat.RECORD_BYTES,
                    "file is too long: it holds " + whole + " records, expected " + expectedRecords);
        }
        if (whole > Integer.MAX_VALUE / CifarFormat.RECORD_BYTES) {
            throw new CifarFormatException(file, "file is too large (" + size + " bytes) for one batch");
        }
        return (int) whole;
    }

    /**
     * Reads a whole batch file.
     *
     * @param file a batch file
     * @return its raw records ({@code count * 3073} bytes)
     * @throws IOException as {@link #countRecords(Path)}, or a {@link CifarFormatException} for a file that
     *                     shrank while read or a label byte above 9
     */
    public byte[] read(Path file) throws IOException {
        byte[] records = new byte[countRecords(file) * CifarFormat.RECORD_BYTES];
        readInto(file, records, 0, records.length / CifarFormat.RECORD_BYTES);
        return records;
    }

    /**
     * Reads {@code records} raw records of a file into {@code dst} at {@code offset}, then validates
     * their labels. The caller sized the destination with {@link #countRecords(Path)}.
     *
     * @param file    a batch file
     * @param dst     destination array
     * @param offset  where the first record's label byte goes
     * @param records how many records the file holds (as counted)
     * @throws IOException as {@link #read(Path)}
     */
    public void readInto(Path file, byte[] dst, int offset, int records) throws IOException {
        int length = records * CifarFormat.RECORD_BYTES;
        if (offset < 0 || length < 0 || offset > dst.length - length) {
            throw new IllegalArgumentException("destination too small for " + records + " records of " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            int done = 0;
            while (done < length) {
                int n = in.read(dst, offset + done, Math.min(READ_CHUNK, length - done));
                if (n < 0) {
                    long record = done / CifarFormat.RECORD_BYTES;
                    throw new CifarFormatException(file, record, done,
                            "file is truncated: it ended while being read, after " + done + " of " + length
                                    + " bytes");
                }
                done += n;
            }
        }
        checkLabels(file, dst, offset, records);
    }

    /**
     * Checks that every label byte of {@code records} raw records is a class index 0..9.
     *
     * @param file    the file the records came from (for the message)
     * @param raw     raw records
     * @param offset  offset of the first record
     * @param records number of records
     * @throws CifarFormatException naming the first record whose label is above 9
     */
    static void checkLabels(Path file, byte[] raw, int offset, int records) throws CifarFormatException {
        for (int r = 0; r < records; r++) {
            int label = raw[offset + r * CifarFormat.RECORD_BYTES] & 0xFF;
            if (label >= CifarFormat.NUM_CLASSES) {
                throw new CifarFormatException(file, r, (long) r * CifarFormat.RECORD_BYTES,
                        "label byte " + label + " is not a class index 0.." + (CifarFormat.NUM_CLASSES - 1));
            }
        }
    }
}
