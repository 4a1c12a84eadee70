package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cs231n.datavec.fetch.DataDirs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Checks against the real COCO data in {@code $CS231N_DATA/coco} (the layout of the shared datasets' {@code coco/}:
 * {@code captions_val2017.json}, {@code coco-mini/}, {@code cs231n_coco_captioning/coco2014_vocab.json}); skipped
 * when {@code CS231N_DATA} is unset or has no {@code coco/}. Reads only; never downloads. Prints its measurements.
 */
class CocoRealDataTest {

    private static Path coco;

    @BeforeAll
    static void locate() {
        String root = System.getenv(DataDirs.ENV);
        if (root != null && !root.isBlank() && Files.isRegularFile(Paths.get(root, "coco", "captions_val2017.json"))) {
            coco = Paths.get(root, "coco");
        }
    }

    @BeforeEach
    void requireRealData() {
        assumeTrue(coco != null, "CS231N_DATA is not set or has no coco/captions_val2017.json: skipping the real COCO "
                + "checks (point $CS231N_DATA/coco at a folder laid out as the shared datasets' coco/)");
    }

    private static void report(String line) {
        System.out.println("[coco-real-data] " + line);
    }

    @Test
    void officialVal2017CaptionsStreamAndTheCourseVocabularyCoversThem() throws IOException {
        Path json = coco.resolve("captions_val2017.json");
        CocoCaptions val = null;
        double ms = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) { // best of 3: the first includes class loading and JIT
            long t0 = System.nanoTime();
            val = CocoCaptions.read(json);
            ms = Math.min(ms, (System.nanoTime() - t0) / 1e6);
        }
        assertEquals(5_000, val.images().size());
        assertEquals(25_014, val.captions().size());
        assertEquals(0, val.skipped().total());
        assertEquals(5_000, val.byImage().size());
        report(String.format(Locale.ROOT, "captions_val2017.json (%d bytes): %.0f ms streaming parse and join (best of 3, "
                + "%.1f MB/s), %d images, %d captions", Files.size(json), ms, Files.size(json) / 1e3 / ms, val.images().size(), val.captions().size()));

        Vocabulary course = Vocabulary.load(coco.resolve("cs231n_coco_captioning/coco2014_vocab.json"));
        assertEquals(1_004, course.size());
        assertEquals(Vocabulary.SPECIALS, course.idxToWord().subList(0, 4));
        long words = 0;
        long unk = 0;
        long truncated = 0;
        for (CocoCaption c : val.captions()) {
            List<String> w = CaptionText.words(c.text());
            words += w.size();
            for (String s : w) {
                if (!course.contains(s)) {
                    unk++;
                }
            }
            if (w.size() > CaptionText.COURSE_MAX_WORDS) {
                truncated++;
            }
            int[] ids = course.encode(c.text(), CaptionText.COURSE_MAX_TOKENS);
            List<String> back = course.decodeWords(ids);
            for (int i = 0; i < back.size(); i++) {
                String expected = course.contains(w.get(i)) ? w.get(i) : Vocabulary.UNK;
                if (!expected.equals(back.get(i))) {
                    throw new AssertionError("annotation " + c.id() + ": word " + i + " decodes to " + back.get(i));
                }
            }
        }
        double unkRate = (double) unk / words;
        report(String.format(Locale.ROOT, "course vocabulary (1,004 tokens) on val2017: %d words, %d <UNK> (%.2f%%); "
                + "%d captions (%.2f%%) longer than %d words", words, unk, 100 * unkRate, truncated,
                100.0 * truncated / val.captions().size(), CaptionText.COURSE_MAX_WORDS));
        assertTrue(unkRate < 0.10, "the course vocabulary is COCO's: most words are in it, <UNK> rate " + unkRate);

        Vocabulary built = Vocabulary.build(val.captions().stream().map(CocoCaption::text).toList(), 5);
        long shared = built.idxToWord().stream().skip(4).filter(course::contains).count();
        report(String.format(Locale.ROOT, "vocabulary built from val2017 with minCount 5: %d tokens, %d of its words "
                + "in the course's", built.size(), shared));
    }

    @Test
    void miniImagesDecodeAndJoinTheirCaptions() throws IOException {
        Path mini = coco.resolve("coco-mini");
        CocoCaptions train = CocoCaptions.read(mini.resolve("annotations/captions_train2017.json"),
                CocoCaptions.Options.strict().withImageDir(mini.resolve("train2017")));
        assertEquals(80, train.byImage().size());
        CocoCaptions fullVal = CocoCaptions.read(coco.resolve("captions_val2017.json"));
        CocoCaptions val159 = fullVal.retainImages(im -> Files.isRegularFile(mini.resolve("val2017").resolve(im.fileName())));
        assertEquals(159, val159.byImage().size(), "captions_val2017.json covers all 159 mini val images");
        CocoCaptions miniVal = CocoCaptions.read(mini.resolve("annotations/captions_val2017.json"),
                CocoCaptions.Options.strict().withImageDir(mini.resolve("val2017")));
        assertEquals(79, miniVal.byImage().size());
        report(String.format(Locale.ROOT, "coco-mini: train %d images / %d captions; mini val %d images / %d captions;"
                        + " full val2017 references for the 159 mini val images: %d captions",
                train.byImage().size(), train.captions().size(), miniVal.byImage().size(), miniVal.captions().size(),
                val159.captions().size()));

        CocoImageLoader loader = new CocoImageLoader(224, 224, CocoImageLoader.Scaling.IMAGENET);
        loader.load(train.imagePath(train.images().values().iterator().next())); // warm-up (native libraries)
        int decoded = 0;
        long t0 = System.nanoTime();
        for (CocoImage im : train.images().values()) {
            INDArray x = loader.load(train.imagePath(im));
            assertArrayEquals(new long[] {1, 3, 224, 224}, x.shape());
            decoded++;
        }
        for (CocoImage im : val159.images().values()) {
            loader.load(mini.resolve("val2017").resolve(im.fileName()));
            decoded++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(239, decoded);
        report(String.format(Locale.ROOT, "decoded %d real JPEGs to [1,3,224,224] IMAGENET-scaled in %.2f s: %.0f "
                + "images/s, 0 failures", decoded, s, decoded / s));
        CocoImageLoader raw = new CocoImageLoader(224, 224, CocoImageLoader.Scaling.RAW);
        t0 = System.nanoTime();
        for (CocoImage im : train.images().values()) {
            raw.load(train.imagePath(im));
        }
        s = (System.nanoTime() - t0) / 1e9;
        report(String.format(Locale.ROOT, "decode + resize only (RAW, 80 train images): %.0f images/s", 80 / s));
    }

    /**
     * OpenCV (through NativeImageLoader) and ImageIO decode the same JPEG: pixel for pixel alike on files without
     * an embedded ICC profile (ImageIO's TwelveMonkeys reader applies such a profile, OpenCV ignores it, as the
     * course's image loading does), and for every file channel 0 is red.
     */
    @Test
    void nativeDecodeAgreesWithImageIoInRgbOrder() throws IOException {
        Path dir = coco.resolve("coco-mini/train2017");
        CocoCaptions train = CocoCaptions.read(coco.resolve("coco-mini/annotations/captions_train2017.json"),
                CocoCaptions.Options.strict().withImageDir(dir));
        int plain = 0;
        int withIcc = 0;
        for (CocoImage im : train.images().values().stream().limit(12).toList()) {
            Path file = train.imagePath(im);
            BufferedImage ref = ImageIO.read(file.toFile());
            assertEquals(im.width(), ref.getWidth(), im.fileName());
            assertEquals(im.height(), ref.getHeight(), im.fileName());
            INDArray x = new CocoImageLoader(im.height(), im.width(), CocoImageLoader.Scaling.RAW).load(file);
            double diff = 0;
            double swapped = 0;
            int n = 0;
            for (int y = 0; y < ref.getHeight(); y += 3) {
                for (int xx = 0; xx < ref.getWidth(); xx += 3) {
                    int rgb = ref.getRGB(xx, y);
                    int r = (rgb >> 16) & 0xFF;
                    int b = rgb & 0xFF;
                    diff += Math.abs(x.getFloat(0, 0, y, xx) - r) + Math.abs(x.getFloat(0, 2, y, xx) - b);
                    swapped += Math.abs(x.getFloat(0, 2, y, xx) - r) + Math.abs(x.getFloat(0, 0, y, xx) - b);
                    n += 2;
                }
            }
            boolean icc = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("ICC_PROFILE");
            if (icc) {
                withIcc++;
                report(String.format(Locale.ROOT, "%s has an ICC profile: mean |OpenCV - ImageIO| %.2f "
                        + "(channels swapped: %.2f)", im.fileName(), diff / n, swapped / n));
            } else {
                plain++;
                assertTrue(diff / n < 1.0, im.fileName() + ": OpenCV and ImageIO decode alike, got " + diff / n);
            }
            assertTrue(swapped / n > diff / n, im.fileName() + ": channel 0 is red");
        }
        assertTrue(plain > 0, "some of the first 12 images have no ICC profile");
        report("decode compared with ImageIO on 12 images: " + plain + " without ICC profile alike, " + withIcc
                + " with one");
    }

    @Test
    void theIssuesMiniSplits() throws IOException {
        CocoDir.MiniSplits s = new CocoDir(coco).miniSplits();
        assertEquals(80, s.train().byImage().size());
        assertEquals(79, s.trainVal().byImage().size());
        assertEquals(80, s.eval().byImage().size(), "159 mini val images less the 79 of the mini val file");
        for (ImageCaptions ic : s.eval().byImage()) {
            assertTrue(!s.trainVal().images().containsKey(ic.image().id()));
            assertTrue(Files.isRegularFile(s.eval().imagePath(ic.image())));
        }
        int minRefs = s.eval().byImage().stream().mapToInt(ic -> ic.captions().size()).min().orElseThrow();
        report(String.format(Locale.ROOT, "mini splits: train %d + %d images (%d + %d captions), eval %d images with "
                        + "%d reference captions (at least %d each)", s.train().byImage().size(),
                s.trainVal().byImage().size(), s.train().captions().size(), s.trainVal().captions().size(),
                s.eval().byImage().size(), s.eval().captions().size(), minRefs));
        assertTrue(minRefs >= 5, "COCO gives every image at least 5 captions");
        ImageInput pixels = new CocoImageLoader(32, 32, CocoImageLoader.Scaling.UNIT).forCaptions(s.train(), s.trainVal());
        Vocabulary course = Vocabulary.load(new CocoDir(coco).courseVocabulary());
        List<CaptionExample> ex = new java.util.ArrayList<>(CaptionExample.of(s.train(), course, 17));
        ex.addAll(CaptionExample.of(s.trainVal(), course, 17));
        assertEquals(795, ex.size());
        CaptionDataSetIterator it = new CaptionDataSetIterator(ex, pixels, 100, 1L,
                CaptionDataSetIterator.Targets.INDEX, course.size(), false);
        int seen = 0;
        while (it.hasNext()) {
            seen += (int) it.next().getFeatures(0).size(0);
        }
        assertEquals(795, seen);
    }

    @Test
    void miniTrainBatchesWithPixels() throws IOException {
        Path mini = coco.resolve("coco-mini");
        CocoCaptions train = CocoCaptions.read(mini.resolve("annotations/captions_train2017.json"),
                CocoCaptions.Options.strict().withImageDir(mini.resolve("train2017")));
        Vocabulary course = Vocabulary.load(coco.resolve("cs231n_coco_captioning/coco2014_vocab.json"));
        List<CaptionExample> ex = CaptionExample.of(train, course, CaptionText.COURSE_MAX_TOKENS);
        CaptionDataSetIterator it = new CaptionDataSetIterator(ex.subList(0, 25),
                new CocoImageLoader(64, 64, CocoImageLoader.Scaling.UNIT).forCaptions(train), 25, 7L,
                CaptionDataSetIterator.Targets.INDEX, course.size(), false);
        MultiDataSet b = it.next();
        assertArrayEquals(new long[] {25, 3, 64, 64}, b.getFeatures(0).shape());
        assertArrayEquals(new long[] {25, 1, 16}, b.getFeatures(1).shape());
        assertEquals(25.0 * 1, b.getFeatures(1).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                .sumNumber().doubleValue(), 0, "every input starts with <START>");
    }
}
