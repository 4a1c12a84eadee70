package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class CocoIteratorTest {

    @TempDir
    Path dir;

    private static final Vocabulary VOCAB = Vocabulary.of(List.of("a", "dog", "cat", "on", "mat", "big"));

    /** 10 examples; example i's caption has 1 + i % 4 words, its feature row is i % 3 (row r holds r, r+0.5). */
    private static List<CaptionExample> examples() {
        String[] caps = {"a", "a dog", "a big cat", "a dog on mat"};
        List<CaptionExample> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(new CaptionExample(i % 3, VOCAB.encode(caps[i % 4], 7)));
        }
        return out;
    }

    private static FeatureTable table() {
        return FeatureTable.byRow(Path.of("mem"), new float[][] {{0f, 0.5f}, {1f, 1.5f}, {2f, 2.5f}});
    }

    @Test
    void batchLayoutIsShiftedTokensWithTheNullMask() {
        CaptionDataSetIterator it = new CaptionDataSetIterator(examples(), table(), 4, null,
                CaptionDataSetIterator.Targets.INDEX, VOCAB.size(), false);
        MultiDataSet b = it.next();
        assertArrayEquals(new long[] {4, 2}, b.getFeatures(0).shape());
        assertArrayEquals(new long[] {4, 1, 6}, b.getFeatures(1).shape());
        assertArrayEquals(new long[] {4, 1, 6}, b.getLabels(0).shape());
        assertArrayEquals(new long[] {4, 6}, b.getLabelsMaskArray(0).shape());
        assertNull(b.getFeaturesMaskArrays());
        for (int i = 0; i < 4; i++) {
            int[] tokens = examples().get(i).tokens();
            for (int s = 0; s < 6; s++) {
                assertEquals(tokens[s], b.getFeatures(1).getInt(i, 0, s), "input = caption[:-1]");
                assertEquals(tokens[s + 1], b.getLabels(0).getInt(i, 0, s), "target = caption[1:]");
                assertEquals(tokens[s + 1] == 0 ? 0 : 1, b.getLabelsMaskArray(0).getInt(i, s), "mask");
            }
            assertEquals(i % 3, b.getFeatures(0).getFloat(i, 0), 0f, "features of example's image row");
        }
        // example 0 is "<START> a <END> <NULL>...": targets a, <END>, then 4 masked steps
        assertEquals(2.0, b.getLabelsMaskArray(0).getRow(0).sumNumber().doubleValue(), 0);
        it.next();
        MultiDataSet last = it.next();
        assertEquals(2, last.getFeatures(0).size(0), "10 = 4 + 4 + 2");
        assertFalse(it.hasNext());
    }

    @Test
    void oneHotTargets() {
        CaptionDataSetIterator it = new CaptionDataSetIterator(examples(), table(), 3, null,
                CaptionDataSetIterator.Targets.ONE_HOT, VOCAB.size(), false);
        MultiDataSet b = it.next();
        INDArray y = b.getLabels(0);
        assertArrayEquals(new long[] {3, VOCAB.size(), 6}, y.shape());
        int[] tokens = examples().get(2).tokens();
        for (int s = 0; s < 6; s++) {
            assertEquals(1.0, y.getDouble(2, tokens[s + 1], s), 0);
            assertEquals(1.0, y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(2),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(s)).sumNumber().doubleValue(), 0);
        }
    }

    private static List<Integer> epochOrder(CaptionDataSetIterator it) {
        List<Integer> ids = new ArrayList<>();
        while (it.hasNext()) {
            MultiDataSet b = it.next();
            for (int i = 0; i < b.getFeatures(0).size(0); i++) {
                // recover the example from (row, caption length)
                ids.add(b.getFeatures(0).getInt(i, 0) * 100 + b.getLabelsMaskArray(0).getRow(i).sumNumber().intValue());
            }
        }
        return ids;
    }

    @Test
    void seededShuffleIsReproducibleAndDiffersPerEpoch() {
        CaptionDataSetIterator a = new CaptionDataSetIterator(examples(), table(), 3, 42L,
                CaptionDataSetIterator.Targets.INDEX, VOCAB.size(), false);
        CaptionDataSetIterator b = new CaptionDataSetIterator(examples(), table(), 3, 42L,
                CaptionDataSetIterator.Targets.INDEX, VOCAB.size(), false);
        CaptionDataSetIterator plain = new CaptionDataSetIterator(examples(), table(), 3, null,
                CaptionDataSetIterator.Targets.INDEX, VOCAB.size(), false);
        List<Integer> e0 = epochOrder(a);
        assertEquals(e0, epochOrder(b));
        List<Integer> unshuffled = epochOrder(plain);
        assertNotEquals(unshuffled, e0);
        List<Integer> sortedA = new ArrayList<>(e0);
        List<Integer> sortedPlain = new ArrayList<>(unshuffled);
        sortedA.sort(null);
        sortedPlain.sort(null);
        assertEquals(sortedPlain, sortedA, "a shuffle holds every example once");
        a.reset();
        b.reset();
        List<Integer> e1 = epochOrder(a);
        assertEquals(1, a.epoch());
        assertNotEquals(e0, e1);
        assertEquals(e1, epochOrder(b));
    }

    @Test
    void undecodableImageFailsNamingItOrIsSkippedAndCounted() throws IOException {
        Path json = CocoTestData.write(dir, "ann.json", CocoTestData.annotations());
        CocoTestData.images(dir);
        Files.write(dir.resolve("b.png"), new byte[] {1, 2, 3, 4});
        CocoCaptions captions = CocoCaptions.read(json, CocoCaptions.Options.strict().withImageDir(dir));
        Vocabulary vocab = Vocabulary.build(captions.captions().stream().map(CocoCaption::text).toList(), 1);
        List<CaptionExample> ex = CaptionExample.of(captions, vocab, 8);
        ImageInput pixels = new CocoImageLoader(4, 4, CocoImageLoader.Scaling.UNIT).forCaptions(captions);

        CaptionDataSetIterator strict = new CaptionDataSetIterator(ex, pixels, 3, null,
                CaptionDataSetIterator.Targets.INDEX, vocab.size(), false);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, strict::next);
        CocoFormatException cause = assertInstanceOf(CocoFormatException.class, e.getCause());
        assertTrue(cause.getMessage().startsWith(dir.resolve("b.png") + ": image id 2: "), cause.getMessage());

        CaptionDataSetIterator skipping = new CaptionDataSetIterator(ex, pixels, 3, null,
                CaptionDataSetIterator.Targets.INDEX, vocab.size(), true);
        MultiDataSet b = skipping.next();
        assertArrayEquals(new long[] {2, 3, 4, 4}, b.getFeatures(0).shape(), "captions 10 and 11 of image 1");
        assertEquals(1, skipping.skipped().count(SkipReport.Reason.UNDECODABLE_IMAGE));
        // image 1 is red: channel 0 is 1, and the targets are those of captions 10 and 11
        assertEquals(1f, b.getFeatures(0).getFloat(0, 0, 0, 0), 1e-6);
        assertEquals(1f, b.getFeatures(0).getFloat(1, 0, 0, 0), 1e-6);
        assertEquals(vocab.id("red"), b.getLabels(0).getInt(0, 0, 1));
        assertEquals(vocab.id("red"), b.getLabels(0).getInt(1, 0, 1));
        assertEquals(vocab.id("a"), b.getLabels(0).getInt(0, 0, 0));
        assertEquals(vocab.id("the"), b.getLabels(0).getInt(1, 0, 0));
        assertFalse(skipping.hasNext());

        // a file removed after the annotations were read is counted as missing, not as undecodable
        Files.delete(dir.resolve("a.png"));
        CaptionDataSetIterator gone = new CaptionDataSetIterator(ex, pixels, 3, null,
                CaptionDataSetIterator.Targets.INDEX, vocab.size(), true);
        assertThrows(java.util.NoSuchElementException.class, gone::next, "every example was skipped");
        assertEquals(2, gone.skipped().count(SkipReport.Reason.MISSING_IMAGE_FILE));
        assertEquals(1, gone.skipped().count(SkipReport.Reason.UNDECODABLE_IMAGE));
        assertTrue(gone.skipped().messages().get(0).contains(dir.resolve("a.png") + ": image id 1: image file does not exist"),
                gone.skipped().messages().get(0));
    }

    /**
     * The layout is what DL4J's sequence layers take: token input into EmbeddingSequenceLayer, targets into
     * RnnOutputLayer with the label mask, as indices (sparse cross-entropy) or one-hot; masked steps do not count.
     */
    @Test
    void dl4jSequenceLayersTrainOnTheBatches() {
        for (CaptionDataSetIterator.Targets targets : CaptionDataSetIterator.Targets.values()) {
            org.nd4j.linalg.lossfunctions.ILossFunction loss = targets == CaptionDataSetIterator.Targets.INDEX
                    ? new org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT()
                    : new org.nd4j.linalg.lossfunctions.impl.LossMCXENT();
            org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                    new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3)
                            .updater(new org.nd4j.linalg.learning.config.Adam(0.05)).list()
                            .layer(new org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer.Builder()
                                    .nIn(VOCAB.size()).nOut(8).inputLength(6).build())
                            .layer(new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nIn(8).nOut(16)
                                    .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                            .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(loss).nIn(16)
                                    .nOut(VOCAB.size()).activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                                    // M2.1: without setInputType an unset format reads as NWC in backprop
                                    .dataFormat(org.deeplearning4j.nn.conf.RNNFormat.NCW).build())
                            .build());
            net.init();
            CaptionDataSetIterator it = new CaptionDataSetIterator(examples(), table(), 10, null, targets,
                    VOCAB.size(), false);
            MultiDataSet b = it.next();
            org.nd4j.linalg.dataset.DataSet ds = new org.nd4j.linalg.dataset.DataSet(b.getFeatures(1), b.getLabels(0),
                    null, b.getLabelsMaskArray(0));
            double before = net.score(ds);
            for (int i = 0; i < 60; i++) {
                net.fit(ds);
            }
            double after = net.score(ds);
            assertTrue(Double.isFinite(before) && after < 0.2 * before, targets + ": loss " + before + " -> " + after);
            INDArray out = net.output(b.getFeatures(1));
            assertArrayEquals(new long[] {10, VOCAB.size(), 6}, out.shape());
            // a masked step's target does not change the loss
            INDArray changed = b.getLabels(0).dup();
            if (targets == CaptionDataSetIterator.Targets.INDEX) {
                changed.putScalar(new long[] {0, 0, 5}, VOCAB.id("dog"));
            } else {
                changed.putScalar(new long[] {0, 0, 5}, 0);
                changed.putScalar(new long[] {0, VOCAB.id("dog"), 5}, 1);
            }
            assertEquals(0f, b.getLabelsMaskArray(0).getFloat(0, 5), 0f);
            assertEquals(after, net.score(new org.nd4j.linalg.dataset.DataSet(b.getFeatures(1), changed, null,
                    b.getLabelsMaskArray(0))), 1e-6);
        }
    }

    @Test
    void missingFeatureRowIsNamed() {
        List<CaptionExample> ex = List.of(new CaptionExample(7, VOCAB.encode("a dog", 5)));
        CaptionDataSetIterator it = new CaptionDataSetIterator(ex, table(), 2, null,
                CaptionDataSetIterator.Targets.INDEX, VOCAB.size(), false);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, it::next);
        assertTrue(e.getMessage().contains("mem: feature row 7: outside the 3 rows"), e.getMessage());
    }
}
