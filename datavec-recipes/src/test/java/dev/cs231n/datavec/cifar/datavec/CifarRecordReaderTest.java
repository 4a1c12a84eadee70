package dev.cs231n.datavec.cifar.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.datavec.cifar.CifarBatchReader;
import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarFormatException;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.testing.SyntheticCifar;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class CifarRecordReaderTest {

    private static final int PER_FILE = 3;

    @TempDir
    Path dir;

    private CifarRecordReader reader(FeatureLayout layout) throws Exception {
        SyntheticCifar.writeBatches(dir, PER_FILE, 2);
        CifarRecordReader reader = new CifarRecordReader(layout, CifarBatchReader.ANY_LENGTH);
        reader.initialize(CifarRecordReader.trainSplit(dir));
        return reader;
    }

    @Test
    void recordsAreImageAndLabelInOfficialOrder() throws Exception {
        CifarRecordReader reader = reader(FeatureLayout.NCHW);
        for (int id = 0; id < 5 * PER_FILE; id++) {
            assertTrue(reader.hasNext());
            Record record = reader.nextRecord();
            List<Writable> w = record.getRecord();
            assertEquals(2, w.size());
            INDArray image = ((NDArrayWritable) w.get(0)).get();
            assertArrayEquals(new long[] {1, 3, 32, 32}, image.shape());
            assertEquals(DataType.FLOAT, image.dataType());
            assertEquals(SyntheticCifar.pixel(id, 2, 30, 1), image.getInt(0, 2, 30, 1));
            assertEquals(SyntheticCifar.pixel(id, 0, 3, 4), image.getInt(0, 0, 3, 4));
            assertEquals(SyntheticCifar.label(id), ((IntWritable) w.get(1)).get());
            RecordMetaDataIndex meta = (RecordMetaDataIndex) record.getMetaData();
            assertEquals(id % PER_FILE, meta.getIndex());
            assertTrue(meta.getURI().toString().endsWith(CifarFormat.TRAIN_FILES.get(id / PER_FILE)));
            Record again = reader.loadFromMetaData(meta);
            assertEquals(w, again.getRecord());
        }
        assertFalse(reader.hasNext());
        reader.reset();
        assertEquals(SyntheticCifar.label(0), ((IntWritable) reader.next().get(1)).get());
        assertEquals(CifarClasses.NAMES, reader.getLabels());
    }

    @Test
    void flatLayoutFromConfiguration() throws Exception {
        SyntheticCifar.writeBatches(dir, PER_FILE, 2);
        Configuration conf = new Configuration();
        conf.set(CifarRecordReader.LAYOUT_KEY, "FLAT");
        CifarRecordReader reader = new CifarRecordReader(FeatureLayout.NCHW, CifarBatchReader.ANY_LENGTH);
        reader.initialize(conf, CifarRecordReader.testSplit(dir));
        assertEquals(FeatureLayout.FLAT, reader.getLayout());
        List<Writable> first = reader.next();
        INDArray image = ((NDArrayWritable) first.get(0)).get();
        assertArrayEquals(new long[] {1, 3072}, image.shape());
        int id = SyntheticCifar.TEST_ID_BASE;
        assertEquals(SyntheticCifar.pixel(id, 1, 2, 3), image.getInt(0, 1024 + 2 * 32 + 3));
        reader.next();
        assertFalse(reader.hasNext());

        conf.set(CifarRecordReader.LAYOUT_KEY, "NHWC");
        assertThrows(IllegalArgumentException.class, () -> reader.setConf(conf));
    }

    @Test
    void recordReaderDataSetIteratorStacksImagesAndOneHotLabels() throws Exception {
        CifarRecordReader reader = reader(FeatureLayout.NCHW);
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, 4, 1, CifarFormat.NUM_CLASSES);
        CifarDataset data = CifarDataset.loadTrain(dir, CifarBatchReader.ANY_LENGTH);
        DataSet first = it.next();
        assertArrayEquals(new long[] {4, 3, 32, 32}, first.getFeatures().shape());
        assertArrayEquals(new long[] {4, 10}, first.getLabels().shape());
        assertEquals(CifarTensors.features(data.range(0, 4), FeatureLayout.NCHW, DataType.FLOAT), first.getFeatures());
        assertEquals(CifarTensors.oneHotLabels(data.range(0, 4), DataType.FLOAT), first.getLabels());
        int total = 4;
        while (it.hasNext()) {
            total += it.next().numExamples();
        }
        assertEquals(15, total);
    }

    @Test
    void recordFromAStream() throws IOException {
        byte[] raw = SyntheticCifar.records(11, 1);
        CifarRecordReader reader = new CifarRecordReader();
        List<Writable> w = reader.record(dir.toUri(), new DataInputStream(new ByteArrayInputStream(raw)));
        assertEquals(SyntheticCifar.label(11), w.get(1).toInt());
        assertEquals(SyntheticCifar.pixel(11, 1, 5, 6), ((NDArrayWritable) w.get(0)).get().getInt(0, 1, 5, 6));

        CifarFormatException shortStream = assertThrows(CifarFormatException.class, () -> reader.record(
                dir.toUri(), new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(raw, 50)))));
        assertTrue(shortStream.getMessage().contains(dir.toUri().toString()), shortStream.getMessage());
        raw[0] = 12;
        assertThrows(CifarFormatException.class,
                () -> reader.record(dir.toUri(), new DataInputStream(new ByteArrayInputStream(raw))));
    }

    @Test
    void malformedFileFailsNamingIt() throws Exception {
        CifarRecordReader reader = reader(FeatureLayout.NCHW);
        byte[] raw = Files.readAllBytes(dir.resolve("data_batch_2.bin"));
        Files.write(dir.resolve("data_batch_2.bin"), Arrays.copyOf(raw, raw.length - 10));
        for (int i = 0; i < PER_FILE; i++) {
            reader.next();
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, reader::next);
        assertTrue(e.getMessage().contains("data_batch_2.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("record 2 at byte offset 6146"), e.getMessage());

        RecordMetaDataIndex beyond = new RecordMetaDataIndex(5, dir.resolve("data_batch_1.bin").toUri(),
                CifarRecordReader.class);
        CifarFormatException missing = assertThrows(CifarFormatException.class, () -> reader.loadFromMetaData(beyond));
        assertTrue(missing.getMessage().contains("data_batch_1.bin: record 5"), missing.getMessage());
    }
}
