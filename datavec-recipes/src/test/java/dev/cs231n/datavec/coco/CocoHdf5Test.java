package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course's HDF5 layout, on small files that the test writes with jhdf. */
class CocoHdf5Test {

    @TempDir
    Path dir;

    private static final Vocabulary VOCAB = Vocabulary.of(List.of("a", "dog", "cat", "on", "mat"));

    private static float[][] features(int m, int d, float base) {
        float[][] f = new float[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                f[i][j] = base + i * 10 + j * 0.5f;
            }
        }
        return f;
    }

    private static CourseCaptionsH5.Split train() {
        int[][] caps = new int[6][];
        for (int i = 0; i < 6; i++) {
            caps[i] = VOCAB.encode(i % 2 == 0 ? "a dog on a mat" : "a cat", CaptionText.COURSE_MAX_TOKENS);
        }
        return new CourseCaptionsH5.Split("train", caps, new long[] {0, 0, 1, 2, 2, 1},
                FeatureTable.byRow(Path.of("mem"), features(3, 5, 0)));
    }

    @Test
    void writesAndReadsTheCourseLayout() throws IOException {
        CourseCaptionsH5.Split val = new CourseCaptionsH5.Split("val",
                new int[][] {VOCAB.encode("a mat", 17), VOCAB.encode("dog", 17)}, new long[] {1, 0},
                FeatureTable.byRow(Path.of("mem"), features(2, 5, 100)));
        Path f = dir.resolve("coco2014_captions.h5");
        CourseCaptionsH5.write(f, VOCAB, train(), val);
        try (HdfFile h5 = new HdfFile(f)) {
            assertArrayEquals(new int[] {6, 17}, h5.getDatasetByPath("train_captions").getDimensions());
            assertArrayEquals(new int[] {3, 5}, h5.getDatasetByPath("train_features").getDimensions());
        }
        CourseCaptionsH5.Split t = CourseCaptionsH5.readSplit(f, "train", VOCAB);
        assertEquals(6, t.size());
        assertArrayEquals(train().captions(), t.captions());
        assertArrayEquals(new long[] {0, 0, 1, 2, 2, 1}, t.imageIdxs());
        assertArrayEquals(features(3, 5, 0)[2], t.features().load(2).toFloatVector(), 0f);
        assertEquals("<START> a dog on a mat <END>", VOCAB.decode(t.captions()[0]));
        CourseCaptionsH5.Split v = CourseCaptionsH5.readSplit(f, "val", VOCAB);
        assertArrayEquals(features(2, 5, 100)[1], v.features().load(v.imageIdxs()[0]).toFloatVector(), 0f);
        assertEquals(VOCAB, CourseCaptionsH5.readVocabulary(f).orElseThrow());
    }

    @Test
    void featuresFromASeparateFileAsTheCourseShipsThem() throws IOException {
        Path caps = dir.resolve("caps.h5");
        CourseCaptionsH5.Split t = train();
        try (WritableHdfFile out = HdfFile.write(caps)) {
            out.putDataset("train_captions", t.captions());
            out.putDataset("train_image_idxs", new int[] {0, 0, 1, 2, 2, 1});
        }
        Path feats = dir.resolve("train2014_vgg16_fc7_pca.h5");
        FeatureTable.byRow(feats, features(3, 4, 7)).write(feats);
        CourseCaptionsH5.Split s = CourseCaptionsH5.readSplit(caps, "train", VOCAB, FeatureTable.read(feats));
        assertEquals(4, s.features().dimension());
        assertTrue(CourseCaptionsH5.readVocabulary(caps).isEmpty());
        CocoFormatException e = assertThrows(CocoFormatException.class,
                () -> CourseCaptionsH5.readSplit(caps, "train", VOCAB));
        assertTrue(e.getMessage().contains(caps + ": train_features: dataset missing"), e.getMessage());
    }

    @Test
    void badTokenIdsAndImageIndexesNameTheDatasetAndRow() throws IOException {
        CourseCaptionsH5.Split t = train();
        int[][] caps = t.captions();
        caps[4][3] = VOCAB.size();
        Path f = dir.resolve("badtok.h5");
        CourseCaptionsH5.write(f, null, new CourseCaptionsH5.Split("train", caps, t.imageIdxs(), t.features()));
        CocoFormatException e = assertThrows(CocoFormatException.class,
                () -> CourseCaptionsH5.readSplit(f, "train", VOCAB));
        assertTrue(e.getMessage().contains(f + ": train_captions[4, 3]: token id 9 is outside the vocabulary of 9"),
                e.getMessage());

        Path g = dir.resolve("badidx.h5");
        CourseCaptionsH5.write(g, null, new CourseCaptionsH5.Split("train", train().captions(),
                new long[] {0, 0, 1, 3, 2, 1}, t.features()));
        e = assertThrows(CocoFormatException.class, () -> CourseCaptionsH5.readSplit(g, "train", VOCAB));
        assertTrue(e.getMessage().contains("train_image_idxs[3]: image index 3 is outside the 3 feature rows"),
                e.getMessage());

        Path notH5 = CocoTestData.write(dir, "not.h5", "plain text, not HDF5");
        e = assertThrows(CocoFormatException.class, () -> CourseCaptionsH5.readSplit(notH5, "train", VOCAB));
        assertTrue(e.getMessage().startsWith(notH5 + ": not a readable HDF5 file"), e.getMessage());
    }

    @Test
    void featureFileKeyedByImageId() throws IOException {
        Path f = dir.resolve("cache/features.h5");
        FeatureTable.byImageId(f, features(3, 2, 1), new long[] {397133, 37777, 252219}).write(f);
        FeatureTable t = FeatureTable.read(f);
        assertTrue(t.keyedByImageId());
        assertArrayEquals(features(3, 2, 1)[1], t.load(37777).toFloatVector(), 0f);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> t.load(5));
        assertTrue(e.getMessage().contains(f + ": image id 5: no feature row"), e.getMessage());
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
