package dev.cs231n.datavec.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.testing.SyntheticCifar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBatchReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRecordsByteForByte() throws IOException {
        byte[] raw = SyntheticCifar.records(7, 3);
        Path file = dir.resolve("data_batch_1.bin");
        Files.write(file, raw);

        assertEquals(3, CifarBatchReader.ANY_LENGTH.countRecords(file));
        assertArrayEquals(raw, CifarBatchReader.ANY_LENGTH.read(file));
        assertArrayEquals(raw, CifarBatchReader.expecting(3).read(file));
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("data_batch_9.bin");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> CifarBatchReader.OFFICIAL.read(file));
        assertTrue(e.getMessage().contains("data_batch_9.bin"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("test_batch.bin"), new byte[0]);
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> CifarBatchReader.ANY_LENGTH.read(file));
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void sizeNotAMultipleOfTheRecordNamesTheTruncatedRecord() throws IOException {
        byte[] raw = Arrays.copyOf(SyntheticCifar.records(0, 3), 2 * CifarFormat.RECORD_BYTES + 100);
        Path file = Files.write(dir.resolve("data_batch_2.bin"), raw);
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> CifarBatchReader.ANY_LENGTH.read(file));
        assertTrue(e.getMessage().contains("data_batch_2.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("record 2 at byte offset 6146"), e.getMessage());
        assertTrue(e.getMessage().contains("not a multiple of 3073"), e.getMessage());
        assertEquals(2, e.getRecordIndex());
        assertEquals(6146, e.getByteOffset());
    }

    @Test
    void fileWithFewerRecordsThanExpectedIsTruncated() throws IOException {
        Path file = Files.write(dir.resolve("data_batch_3.bin"), SyntheticCifar.records(0, 3));
        CifarFormatException official = assertThrows(CifarFormatException.class,
                () -> CifarBatchReader.OFFICIAL.read(file));
        assertTrue(official.getMessage().contains("data_batch_3.bin"), official.getMessage());
        assertTrue(official.getMessage().contains("truncated"), official.getMessage());
        assertTrue(official.getMessage().contains("record 3 at byte offset 9219"), official.getMessage());
        assertTrue(official.getMessage().contains("expected 10000"), official.getMessage());

        CifarFormatException tooLong = assertThrows(CifarFormatException.class,
                () -> CifarBatchReader.expecting(2).read(file));
        assertTrue(tooLong.getMessage().contains("data_batch_3.bin"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("expected 2"), tooLong.getMessage());
    }

    @Test
    void labelAboveNineNamesRecordAndOffset() throws IOException {
        byte[] raw = SyntheticCifar.records(0, 4);
        raw[CifarFormat.RECORD_BYTES] = 10;
        Path file = Files.write(dir.resolve("data_batch_4.bin"), raw);
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> CifarBatchReader.ANY_LENGTH.read(file));
        assertTrue(e.getMessage().contains("data_batch_4.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("record 1 at byte offset 3073"), e.getMessage());
        assertTrue(e.getMessage().contains("label byte 10"), e.getMessage());

        raw[CifarFormat.RECORD_BYTES] = 1;
        raw[3 * CifarFormat.RECORD_BYTES] = (byte) 255;
        Files.write(file, raw);
        CifarFormatException last = assertThrows(CifarFormatException.class,
                () -> CifarBatchReader.ANY_LENGTH.read(file));
        assertTrue(last.getMessage().contains("record 3 at byte offset 9219: label byte 255"), last.getMessage());
    }

    @Test
    void directoryInsteadOfFileIsRejected() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("data_batch_5.bin"));
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> CifarBatchReader.ANY_LENGTH.read(sub));
        assertTrue(e.getMessage().contains("data_batch_5.bin"), e.getMessage());
    }

    @Test
    void expectingRejectsNonPositiveCounts() {
        assertThrows(IllegalArgumentException.class, () -> CifarBatchReader.expecting(0));
    }

    @Test
    void classNamesAreReadFromTheMetaFile() throws IOException {
        Path meta = dir.resolve(CifarFormat.META_FILE);
        SyntheticCifar.writeMeta(meta);
        assertEquals(CifarClasses.NAMES, CifarClasses.read(meta));
        assertEquals(CifarClasses.NAMES, CifarClasses.readFromDirectory(dir));
        assertEquals(10, CifarClasses.NAMES.size());
        assertEquals("airplane", CifarClasses.NAMES.get(0));
        assertEquals("cat", CifarClasses.NAMES.get(3));
        assertEquals("truck", CifarClasses.NAMES.get(9));
    }

    @Test
    void malformedMetaFileIsNamed() throws IOException {
        Path meta = Files.writeString(dir.resolve(CifarFormat.META_FILE), "airplane\nautomobile\n");
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> CifarClasses.read(meta));
        assertTrue(e.getMessage().contains(CifarFormat.META_FILE), e.getMessage());
        assertTrue(e.getMessage().contains("holds 2 class names"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> CifarClasses.read(dir.resolve("nope.txt")));
    }
}
