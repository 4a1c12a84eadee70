package dev.cs231n.datavec.coco;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.LongWritable;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;

/**
 * A thin DataVec {@code RecordReader} over {@link CocoCaptions}: the split's one location is an annotations JSON
 * file, read with the reader's {@link CocoCaptions.Options}.
 *
 * <p>Records, by {@link Grouping}: {@code PER_CAPTION} gives {@code [Text imagePath, LongWritable imageId,
 * LongWritable annotationId, Text caption]} in file order; {@code PER_IMAGE} gives {@code [Text imagePath,
 * LongWritable imageId, IntWritable k, Text caption_1 .. Text caption_k]} in the {@code images} array's order.
 * The path is the image folder's file, or the bare {@code file_name} when read without a folder. Captions are
 * raw (clean them with {@link CaptionText}). Metadata is a {@link RecordMetaDataIndex} (the record's index).
 */
public class CocoCaptionRecordReader extends BaseRecordReader {

    private static final long serialVersionUID = 1L;

    /** One record per caption, or per image with all its captions. */
    public enum Grouping {
        /** One record per (image, caption). */
        PER_CAPTION,
        /** One record per image, with all its captions. */
        PER_IMAGE
    }

    private final CocoCaptions.Options options;
    private final Grouping grouping;
    private transient CocoCaptions captions;
    private transient List<List<Writable>> records = List.of();
    private URI location;
    private int cursor;
    private Configuration conf;

    /**
     * @param options  how to read the annotations file
     * @param grouping record grouping
     */
    public CocoCaptionRecordReader(CocoCaptions.Options options, Grouping grouping) {
        this.options = options;
        this.grouping = grouping;
    }

    @Override
    public void initialize(InputSplit split) throws IOException, InterruptedException {
        super.initialize(split);
        URI[] uris = split.locations();
        if (uris.length != 1) {
            throw new IllegalArgumentException("CocoCaptionRecordReader reads one annotations file, the split has "
                    + uris.length + " locations");
        }
        location = uris[0];
        captions = CocoCaptions.read(Paths.get(location), options);
        records = new ArrayList<>();
        if (grouping == Grouping.PER_CAPTION) {
            for (CaptionPair p : captions.pairs()) {
                records.add(List.of(new Text(path(p.image())), new LongWritable(p.image().id()),
                        new LongWritable(p.caption().id()), new Text(p.caption().text())));
            }
        } else {
            for (ImageCaptions ic : captions.byImage()) {
                List<Writable> r = new ArrayList<>();
                r.add(new Text(path(ic.image())));
                r.add(new LongWritable(ic.image().id()));
                r.add(new IntWritable(ic.captions().size()));
                for (CocoCaption c : ic.captions()) {
                    r.add(new Text(c.text()));
                }
                records.add(List.copyOf(r));
            }
        }
        cursor = 0;
    }

    private String path(CocoImage image) {
        return captions.imageDir() == null ? image.fileName() : captions.imagePath(image).toString();
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException, InterruptedException {
        setConf(conf);
        initialize(split);
    }

    /** @return the annotations read by {@link #initialize(InputSplit)} (with their skip report), or null before */
    public CocoCaptions captions() {
        return captions;
    }

    @Override
    public boolean hasNext() {
        return cursor < records.size();
    }

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more COCO caption records in " + location);
        }
        Record r = new org.datavec.api.records.impl.Record(records.get(cursor),
                new RecordMetaDataIndex(cursor, location, CocoCaptionRecordReader.class));
        cursor++;
        invokeListeners(r);
        return r;
    }

    /**
     * Not supported: an annotations file is one JSON document, not a stream of records.
     *
     * @param uri        ignored
     * @param dataInputStream ignored
     * @return never
     */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("COCO annotations are one JSON document: initialize with its file");
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        if (!(recordMetaData instanceof RecordMetaDataIndex meta) || meta.getIndex() < 0
                || meta.getIndex() >= records.size()) {
            throw new IllegalArgumentException("no such record in " + location + ": " + recordMetaData);
        }
        return new org.datavec.api.records.impl.Record(records.get((int) meta.getIndex()), meta);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        List<Record> out = new ArrayList<>();
        for (RecordMetaData m : recordMetaDatas) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public void close() {
        records = List.of();
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    /** @return the annotations file, or null before initialisation */
    public Path file() {
        return location == null ? null : Paths.get(location);
    }
}
