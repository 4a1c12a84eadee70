package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoCaptionsTest {

    @TempDir
    Path dir;

    @Test
    void joinsEachCaptionToItsImageAndFile() throws IOException {
        Path json = CocoTestData.write(dir, "ann.json", CocoTestData.annotations());
        CocoTestData.images(dir);
        CocoCaptions c = CocoCaptions.read(json, CocoCaptions.Options.strict().withImageDir(dir));
        assertEquals(3, c.images().size());
        assertEquals(List.of(10L, 20L, 11L), c.captions().stream().map(CocoCaption::id).toList());
        List<CaptionPair> pairs = c.pairs();
        assertEquals(List.of("a.png", "b.png", "a.png"), pairs.stream().map(p -> p.image().fileName()).toList());
        assertEquals("A red square, on the LEFT.", pairs.get(0).caption().text());
        assertEquals(dir.resolve("b.png"), c.imagePath(pairs.get(1).image()));
        assertEquals(new CocoImage(1, "a.png", 8, 6), pairs.get(0).image());

        List<ImageCaptions> byImage = c.byImage();
        assertEquals(2, byImage.size(), "image 3 has no caption");
        assertEquals(1L, byImage.get(0).image().id());
        assertEquals(List.of(10L, 11L), byImage.get(0).captions().stream().map(CocoCaption::id).toList());
        assertEquals(List.of(20L), byImage.get(1).captions().stream().map(CocoCaption::id).toList());
        assertEquals(0, c.skipped().total());
    }

    @Test
    void annotationsBeforeImagesStillJoin() throws IOException {
        String text = "{\"annotations\": [{\"image_id\": 7, \"id\": 1, \"caption\": \"x y\"}],"
                + " \"images\": [{\"id\": 7, \"file_name\": \"q.jpg\"}]}";
        CocoCaptions c = CocoCaptions.read(CocoTestData.write(dir, "a.json", text));
        assertEquals("q.jpg", c.pairs().get(0).image().fileName());
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() throws IOException {
        // line 12 loses its closing quote and brace: the parser fails on that line
        String text = CocoTestData.annotations().replace("\"A blue square\"},", "\"A blue square,");
        Path json = CocoTestData.write(dir, "bad.json", text);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(json));
        assertTrue(e.getMessage().startsWith(json + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertEquals(12, e.line(), e.getMessage());
        assertTrue(e.column() > 0, e.getMessage());
    }

    @Test
    void truncatedFileIsMalformed() throws IOException {
        String text = CocoTestData.annotations();
        Path json = CocoTestData.write(dir, "cut.json", text.substring(0, text.length() / 2));
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(json));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void unknownImageIdFailsNamingTheAnnotationOrIsSkippedAndCounted() throws IOException {
        String text = CocoTestData.annotations().replace("{\"image_id\": 2, \"id\": 20,", "{\"image_id\": 99, \"id\": 20,");
        Path json = CocoTestData.write(dir, "unknown.json", text);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(json));
        assertTrue(e.getMessage().contains("id 20, image_id 99"), e.getMessage());
        assertTrue(e.getMessage().contains("not in the \"images\" array"), e.getMessage());
        assertEquals(12, e.line());

        CocoCaptions c = CocoCaptions.read(json, CocoCaptions.Options.strict().withSkipBad(true));
        assertEquals(1, c.skipped().count(SkipReport.Reason.UNKNOWN_IMAGE_ID));
        assertEquals(List.of(10L, 11L), c.captions().stream().map(CocoCaption::id).toList());
        assertTrue(c.skipped().messages().get(0).contains("image_id 99"));
        assertEquals("skipped 1: UNKNOWN_IMAGE_ID=1", c.skipped().toString());
    }

    @Test
    void emptyCaptionFailsOrIsSkipped() throws IOException {
        String text = CocoTestData.annotations().replace("\"A blue square\"", "\"  ... \"")
                .replace("\"the red square\"", "\"\"");
        Path json = CocoTestData.write(dir, "empty.json", text);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(json));
        assertTrue(e.getMessage().contains("annotations[1] (id 20, image_id 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("caption has no word"), e.getMessage());

        CocoCaptions c = CocoCaptions.read(json, CocoCaptions.Options.strict().withSkipBad(true));
        assertEquals(2, c.skipped().count(SkipReport.Reason.EMPTY_CAPTION));
        assertEquals(List.of(10L), c.captions().stream().map(CocoCaption::id).toList());
    }

    @Test
    void missingImageFileFailsNamingItOrIsSkipped() throws IOException {
        Path json = CocoTestData.write(dir, "ann.json", CocoTestData.annotations());
        Path images = Files.createDirectory(dir.resolve("img"));
        CocoTestData.images(images);
        Files.delete(images.resolve("a.png"));
        CocoFormatException e = assertThrows(CocoFormatException.class,
                () -> CocoCaptions.read(json, CocoCaptions.Options.strict().withImageDir(images)));
        assertTrue(e.getMessage().contains(images.resolve("a.png") + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("id 10, image_id 1"), e.getMessage());

        CocoCaptions c = CocoCaptions.read(json, new CocoCaptions.Options(images, true));
        assertEquals(2, c.skipped().count(SkipReport.Reason.MISSING_IMAGE_FILE));
        assertEquals(List.of(20L), c.captions().stream().map(CocoCaption::id).toList());
    }

    @Test
    void structuralFaultsAlwaysFail() throws IOException {
        CocoCaptions.Options skip = CocoCaptions.Options.strict().withSkipBad(true);
        Path repeated = CocoTestData.write(dir, "rep.json", CocoTestData.annotations()
                .replace("{\"id\": 2, \"file_name\": \"b.png\"", "{\"id\": 1, \"file_name\": \"b.png\""));
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(repeated, skip));
        assertTrue(e.getMessage().contains("images[1] (id 1): image id repeated"), e.getMessage());
        assertEquals(6, e.line());

        Path mistyped = CocoTestData.write(dir, "typ.json", CocoTestData.annotations()
                .replace("\"A blue square\"", "42"));
        e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(mistyped, skip));
        assertTrue(e.getMessage().contains("annotations[1]: \"caption\" must be a string"), e.getMessage());

        Path noCaption = CocoTestData.write(dir, "nocap.json", CocoTestData.annotations()
                .replace(", \"caption\": \"A blue square\"", ""));
        e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(noCaption, skip));
        assertTrue(e.getMessage().contains("annotations[1] (id 20): no \"caption\""), e.getMessage());

        Path notCoco = CocoTestData.write(dir, "other.json", "{\"images\": []}");
        e = assertThrows(CocoFormatException.class, () -> CocoCaptions.read(notCoco));
        assertTrue(e.getMessage().contains("no \"annotations\" array"), e.getMessage());

        assertThrows(NoSuchFileException.class, () -> CocoCaptions.read(dir.resolve("absent.json")));
    }

    @Test
    void retainImagesKeepsTheirCaptionsOnly() throws IOException {
        CocoCaptions c = CocoCaptions.read(CocoTestData.write(dir, "ann.json", CocoTestData.annotations()));
        CocoCaptions two = c.retainImages(im -> im.id() == 2);
        assertEquals(1, two.images().size());
        assertEquals(List.of(20L), two.captions().stream().map(CocoCaption::id).toList());
    }
}
