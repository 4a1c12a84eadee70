package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoDirTest {

    @TempDir
    Path dir;

    @Test
    void resolvesFromTheArgumentThenTheDataDirectory() {
        assertEquals(dir.resolve("x"), CocoDir.resolve(dir.resolve("x"), Map.of(), dir).root());
        assertEquals(dir.resolve("data/coco"), CocoDir.resolve(null, Map.of("CS231N_DATA", dir.resolve("data").toString()),
                dir).root());
        assertEquals(dir.resolve(".cache/cs231n-datasets/coco"), CocoDir.resolve(null, Map.of(), dir).root());
    }

    @Test
    void checkNamesEveryMissingPart() throws IOException {
        CocoDir coco = new CocoDir(dir);
        Files.createDirectories(coco.miniTrainImages());
        Files.writeString(coco.val2017Captions(), "{}");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, coco::check);
        assertTrue(e.getMessage().contains(coco.miniTrainCaptions().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(coco.courseVocabulary().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(coco.miniValImages() + "/"), e.getMessage());
        assertTrue(!e.getMessage().contains(coco.miniTrainImages() + "/"), e.getMessage());
    }

    /** A small layout: train image 1; val images 2 (in the mini val file) and 3 (only in the full file); 4 absent. */
    @Test
    void miniSplitsTrainOnTheCoveredValImagesAndEvaluateOnTheOthersWithAllReferences() throws IOException {
        CocoDir coco = new CocoDir(dir);
        Files.createDirectories(coco.miniTrainImages());
        Files.createDirectories(coco.miniValImages());
        Files.createDirectories(coco.courseVocabulary().getParent());
        Files.createDirectories(coco.miniTrainCaptions().getParent());
        Vocabulary.of(List.of("a")).save(coco.courseVocabulary());
        CocoTestData.png(coco.miniTrainImages(), "t1.png", java.awt.Color.RED, java.awt.Color.RED);
        CocoTestData.png(coco.miniValImages(), "v2.png", java.awt.Color.GREEN, java.awt.Color.GREEN);
        CocoTestData.png(coco.miniValImages(), "v3.png", java.awt.Color.BLUE, java.awt.Color.BLUE);
        Files.writeString(coco.miniTrainCaptions(), "{\"images\": [{\"id\": 1, \"file_name\": \"t1.png\"}],"
                + " \"annotations\": [{\"id\": 11, \"image_id\": 1, \"caption\": \"red\"}]}");
        Files.writeString(coco.miniValCaptions(), "{\"images\": [{\"id\": 2, \"file_name\": \"v2.png\"}],"
                + " \"annotations\": [{\"id\": 21, \"image_id\": 2, \"caption\": \"green\"}]}");
        Files.writeString(coco.val2017Captions(), "{\"images\": [{\"id\": 2, \"file_name\": \"v2.png\"},"
                + " {\"id\": 3, \"file_name\": \"v3.png\"}, {\"id\": 4, \"file_name\": \"v4.png\"}],"
                + " \"annotations\": [{\"id\": 21, \"image_id\": 2, \"caption\": \"green\"},"
                + " {\"id\": 31, \"image_id\": 3, \"caption\": \"blue\"}, {\"id\": 32, \"image_id\": 3, \"caption\": \"a blue\"},"
                + " {\"id\": 41, \"image_id\": 4, \"caption\": \"absent\"}]}");
        CocoDir.MiniSplits s = coco.miniSplits();
        assertEquals(List.of(11L), s.train().captions().stream().map(CocoCaption::id).toList());
        assertEquals(List.of(21L), s.trainVal().captions().stream().map(CocoCaption::id).toList());
        assertEquals(1, s.eval().byImage().size());
        assertEquals(List.of(31L, 32L), s.eval().byImage().get(0).captions().stream().map(CocoCaption::id).toList());
        assertEquals(coco.miniValImages().resolve("v3.png"), s.eval().imagePath(s.eval().images().get(3L)));

        // one image input over both training parts, keyed by image id
        ImageInput pixels = new CocoImageLoader(2, 2, CocoImageLoader.Scaling.UNIT).forCaptions(s.train(), s.trainVal());
        assertEquals(1f, pixels.load(1).getFloat(0, 0, 0, 0), 1e-6, "image 1 is red");
        assertEquals(1f, pixels.load(2).getFloat(0, 1, 0, 0), 1e-6, "image 2 is green");
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> pixels.load(3));
        assertTrue(e.getMessage().contains("image id 3: no such image"), e.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new CocoImageLoader(2, 2, CocoImageLoader.Scaling.UNIT).forCaptions(s.trainVal(),
                        CocoCaptions.read(coco.val2017Captions()).presentIn(coco.miniValImages())));
        assertTrue(twice.getMessage().contains("image id 2 is in both"), twice.getMessage());
    }
}
