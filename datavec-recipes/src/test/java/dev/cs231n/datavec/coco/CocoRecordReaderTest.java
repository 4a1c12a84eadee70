package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.records.Record;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoRecordReaderTest {

    @TempDir
    Path dir;

    @Test
    void perCaptionAndPerImageRecords() throws IOException, InterruptedException {
        Path json = CocoTestData.write(dir, "ann.json", CocoTestData.annotations());
        CocoTestData.images(dir);
        CocoCaptionRecordReader perCaption = new CocoCaptionRecordReader(
                CocoCaptions.Options.strict().withImageDir(dir), CocoCaptionRecordReader.Grouping.PER_CAPTION);
        perCaption.initialize(new FileSplit(json.toFile()));
        List<Writable> first = perCaption.next();
        assertEquals(dir.resolve("a.png").toString(), first.get(0).toString());
        assertEquals(1L, first.get(1).toLong());
        assertEquals(10L, first.get(2).toLong());
        assertEquals("A red square, on the LEFT.", first.get(3).toString());
        Record second = perCaption.nextRecord();
        assertEquals(dir.resolve("b.png").toString(), second.getRecord().get(0).toString());
        assertEquals(second.getRecord(), perCaption.loadFromMetaData(second.getMetaData()).getRecord());
        perCaption.next();
        assertFalse(perCaption.hasNext());
        perCaption.reset();
        assertEquals(first, perCaption.next());

        CocoCaptionRecordReader perImage = new CocoCaptionRecordReader(
                CocoCaptions.Options.strict(), CocoCaptionRecordReader.Grouping.PER_IMAGE);
        perImage.initialize(new FileSplit(json.toFile()));
        List<Writable> img1 = perImage.next();
        assertEquals("a.png", img1.get(0).toString());
        assertEquals(2, img1.get(2).toInt());
        assertEquals("the red square", img1.get(4).toString());
        assertEquals(List.of("b.png", "2", "1", "A blue square"), perImage.next().stream().map(Writable::toString).toList());
        assertFalse(perImage.hasNext(), "image 3 has no caption");
    }

    @Test
    void badInputFailsAtInitialisationOrIsSkippedAndReported() throws IOException, InterruptedException {
        Path json = CocoTestData.write(dir, "unknown.json", CocoTestData.annotations()
                .replace("{\"image_id\": 2, \"id\": 20,", "{\"image_id\": 5, \"id\": 20,"));
        CocoCaptionRecordReader strict = new CocoCaptionRecordReader(CocoCaptions.Options.strict(),
                CocoCaptionRecordReader.Grouping.PER_CAPTION);
        CocoFormatException e = org.junit.jupiter.api.Assertions.assertThrows(CocoFormatException.class,
                () -> strict.initialize(new FileSplit(json.toFile())));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("image_id 5"), e.getMessage());

        CocoCaptionRecordReader skipping = new CocoCaptionRecordReader(
                CocoCaptions.Options.strict().withSkipBad(true), CocoCaptionRecordReader.Grouping.PER_CAPTION);
        skipping.initialize(new FileSplit(json.toFile()));
        assertEquals(1, skipping.captions().skipped().count(SkipReport.Reason.UNKNOWN_IMAGE_ID));
        assertEquals(10L, skipping.next().get(2).toLong());
        assertEquals(11L, skipping.next().get(2).toLong());
        assertFalse(skipping.hasNext());
    }
}
