package dev.cs231n.datavec.cifar.datavec;

import dev.cs231n.datavec.cifar.CifarBatchReader;
import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarFormatException;
import dev.cs231n.datavec.cifar.FeatureLayout;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DataVec {@code RecordReader} over CIFAR-10 binary batch files.
 *
 * <p>Each record is two writables, following DataVec's image-reader convention: an {@link NDArrayWritable}
 * of FLOAT pixel values 0..255 with a leading example dimension, {@code [1, 3, 32, 32]} (NCHW, default) or
 * {@code [1, 3072]} (FLAT, CHW order), then an {@link IntWritable} label 0..9. With
 * {@code RecordReaderDataSetIterator(reader, batch, 1, 10)} this gives features {@code [B,3,32,32]} (or
 * {@code [B,3072]}) and one-hot labels {@code [B,10]}.
 *
 * <p>Order is deterministic: the split's locations in the order the split gives them (use
 * {@link #trainSplit(Path)} / {@link #testSplit(Path)} for the official order), records in file order.
 * Each location must be a local batch file; a file is read and validated in full (see
 * {@link CifarBatchReader}) when the reader reaches it, and a malformed file fails with an
 * {@link UncheckedIOException} whose message names it. Metadata is a {@link RecordMetaDataIndex}
 * (record index within its file), usable with {@link #loadFromMetaData(RecordMetaData)}.
 */
public class CifarRecordReader extends BaseRecordReader {

    private static final long serialVersionUID = 1L;

    /** Configuration key for the feature layout: {@code NCHW} or {@code FLAT}. */
    public static final String LAYOUT_KEY = NAME_SPACE + ".cifar.layout";

    private FeatureLayout layout;
    private final CifarBatchReader batchReader;
    private final List<String> labels;
    private Configuration conf;
    private List<URI> locations = List.of();
    private int fileIndex;
    private byte[] current;
    private int recordsInCurrent;
    private int recordIndex;

    /** An NCHW reader of official (10,000-record) batch files. */
    public CifarRecordReader() {
        this(FeatureLayout.NCHW, CifarBatchReader.OFFICIAL);
    }

    /**
     * @param layout      NCHW ({@code [1,3,32,32]} per record) or FLAT ({@code [1,3072]})
     * @param batchReader the batch-file reader and its record-count expectation
     */
    public CifarRecordReader(FeatureLayout layout, CifarBatchReader batchReader) {
        this.layout = layout;
        this.batchReader = batchReader;
        this.labels = CifarClasses.NAMES;
    }

    /**
     * @param batchesDir a {@code cifar-10-batches-bin} folder
     * @return the five training batch files, in official order
     */
    public static InputSplit trainSplit(Path batchesDir) {
        List<URI> uris = new ArrayList<>();
        for (String name : CifarFormat.TRAIN_FILES) {
            uris.add(batchesDir.resolve(name).toUri());
        }
        return new CollectionInputSplit(uris);
    }

    /**
     * @param batchesDir a {@code cifar-10-batches-bin} folder
     * @return the test batch file
     */
    public static InputSplit testSplit(Path batchesDir) {
        return new CollectionInputSplit(List.of(batchesDir.resolve(CifarFormat.TEST_FILE).toUri()));
    }

    @Override
    public void initialize(InputSplit split) throws IOException, InterruptedException {
        super.initialize(split);
        this.locations = List.copyOf(Arrays.asList(split.locations()));
        reset();
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException, InterruptedException {
        setConf(conf);
        initialize(split);
    }

    @Override
    public boolean hasNext() {
        while (current == null || recordIndex >= recordsInCurrent) {
            if (current != null) {
                fileIndex++;
                current = null;
            }
            if (fileIndex >= locations.size()) {
                return false;
            }
            Path file = toPath(locations.get(fileIndex));
            try {
                current = batchReader.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            recordsInCurrent = current.length / CifarFormat.RECORD_BYTES;
            recordIndex = 0;
        }
        return true;
    }

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more CIFAR-10 records in " + locations);
        }
        int offset = recordIndex * CifarFormat.RECORD_BYTES;
        List<Writable> writables = toWritables(current, offset);
        RecordMetaData meta = new RecordMetaDataIndex(recordIndex, locations.get(fileIndex), CifarRecordReader.class);
        recordIndex++;
        Record record = new org.datavec.api.records.impl.Record(writables, meta);
        invokeListeners(record);
        return record;
    }

    /**
     * Reads one record (3073 bytes) from a stream.
     *
     * @param uri       where the stream comes from (for messages)
     * @param dataInput the stream, positioned at a record
     * @return the record's writables
     * @throws CifarFormatException if the stream ends inside the record or its label is above 9
     */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInput) throws IOException {
        byte[] raw = new byte[CifarFormat.RECORD_BYTES];
        try {
            dataInput.readFully(raw);
        } catch (EOFException e) {
            throw new CifarFormatException(uri.toString(),
                    "stream ended before a whole record of " + CifarFormat.RECORD_BYTES + " bytes");
        }
        int label = raw[0] & 0xFF;
        if (label >= CifarFormat.NUM_CLASSES) {
            throw new CifarFormatException(uri.toString(), "label byte " + label + " is not a class index 0..9");
        }
        return toWritables(raw, 0);
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) throws IOException {
        if (!(recordMetaData instanceof RecordMetaDataIndex)) {
            throw new IllegalArgumentException("expected RecordMetaDataIndex, got " + recordMetaData);
        }
        RecordMetaDataIndex meta = (RecordMetaDataIndex) recordMetaData;
        Path file = toPath(meta.getURI());
        int count = batchReader.countRecords(file);
        if (meta.getIndex() < 0 || meta.getIndex() >= count) {
            throw new CifarFormatException(file, meta.getIndex(), meta.getIndex() * CifarFormat.RECORD_BYTES,
                    "no such record: the file holds " + count + " records");
        }
        long position = meta.getIndex() * CifarFormat.RECORD_BYTES;
        byte[] raw = new byte[CifarFormat.RECORD_BYTES];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(raw);
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, position + buffer.position()) < 0) {
                    throw new CifarFormatException(file, meta.getIndex(), position + buffer.position(),
                            "file is truncated: it ended inside the record");
                }
            }
        }
        int label = raw[0] & 0xFF;
        if (label >= CifarFormat.NUM_CLASSES) {
            throw new CifarFormatException(file, meta.getIndex(), position,
                    "label byte " + label + " is not a class index 0..9");
        }
        return new org.datavec.api.records.impl.Record(toWritables(raw, 0), meta);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) throws IOException {
        List<Record> out = new ArrayList<>(recordMetaDatas.size());
        for (RecordMetaData m : recordMetaDatas) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public List<String> getLabels() {
        return labels;
    }

    @Override
    public void reset() {
        fileIndex = 0;
        current = null;
        recordsInCurrent = 0;
        recordIndex = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public void close() {
        current = null;
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
        String value = conf.get(LAYOUT_KEY);
        if (value != null) {
            try {
                this.layout = FeatureLayout.valueOf(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LAYOUT_KEY + " must be NCHW or FLAT, got '" + value + "'", e);
            }
        }
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    /** @return the feature layout of the records */
    public FeatureLayout getLayout() {
        return layout;
    }

    private List<Writable> toWritables(byte[] raw, int offset) {
        float[] pixels = new float[CifarFormat.IMAGE_BYTES];
        for (int j = 0; j < pixels.length; j++) {
            pixels[j] = raw[offset + 1 + j] & 0xFF;
        }
        INDArray image = Nd4j.create(pixels, layout.shape(1), 'c');
        List<Writable> out = new ArrayList<>(2);
        out.add(new NDArrayWritable(image));
        out.add(new IntWritable(raw[offset] & 0xFF));
        return out;
    }

    private static Path toPath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new IllegalArgumentException("CifarRecordReader reads local files only, got " + uri);
        }
        return Paths.get(uri);
    }
}
