package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CocoVocabularyTest {

    @TempDir
    Path dir;

    private static final List<String> TRAIN = List.of(
            "A dog on a bench.", "a DOG, running!", "A cat on a mat", "The cat's hat");

    @Test
    void captionTextIsLowerCasedAndStrippedOfPunctuation() {
        assertEquals(List.of("a", "black", "honda", "motorcycle", "parked", "in", "front", "of", "a", "garage"),
                CaptionText.words("A black Honda motorcycle parked in front of a garage."));
        assertEquals(List.of("the", "cats", "hat", "is", "red"), CaptionText.words("  The cat's hat -- is  RED!\n"));
        assertTrue(CaptionText.isEmpty(" .,; "));
        assertTrue(CaptionText.isEmpty(""));
        assertFalse(CaptionText.isEmpty("x"));
    }

    @Test
    void builtFromCaptionsWithAMinimumCount() {
        Vocabulary v = Vocabulary.build(TRAIN, 2);
        // counts: a 5, dog 2, on 2, then once each (cat and cats differ); ties alphabetical
        assertEquals(List.of("<NULL>", "<START>", "<END>", "<UNK>", "a", "dog", "on"), v.idxToWord());
        assertEquals(3, v.id("bench"));
        assertEquals(Vocabulary.build(List.of(TRAIN.get(3), TRAIN.get(2), TRAIN.get(1), TRAIN.get(0)), 2), v,
                "order of captions does not matter");
        assertEquals(4 + 10, Vocabulary.build(TRAIN, 1).size());
    }

    @Test
    void encodeDecodeRoundTrip() {
        Vocabulary v = Vocabulary.build(TRAIN, 1);
        int[] ids = v.encode("A dog on a BENCH.", 8);
        assertEquals(8, ids.length);
        assertEquals(1, ids[0]);
        assertEquals(2, ids[6]);
        assertEquals(0, ids[7]);
        assertEquals("<START> a dog on a bench <END>", v.decode(ids));
        assertEquals(List.of("a", "dog", "on", "a", "bench"), v.decodeWords(ids));
        for (String c : TRAIN) {
            assertEquals(CaptionText.words(c), v.decodeWords(v.encode(c, CaptionText.COURSE_MAX_TOKENS)), c);
        }
        // rare words become <UNK>; long captions keep maxTokens - 2 words
        Vocabulary small = Vocabulary.build(TRAIN, 2);
        assertEquals("<START> a <UNK> on a <UNK> <END>", small.decode(small.encode("a zebra on a rock", 10)));
        int[] cut = v.encode("a dog a dog a dog", 5);
        assertArrayEquals(new int[] {1, v.id("a"), v.id("dog"), v.id("a"), 2}, cut);
    }

    @Test
    void jsonRoundTripInTheCourseFormat() throws IOException {
        Vocabulary v = Vocabulary.build(TRAIN, 1);
        Path f = dir.resolve("sub/vocab.json");
        v.save(f);
        assertEquals(v, Vocabulary.load(f));
        String text = Files.readString(f);
        assertTrue(text.startsWith("{\"idx_to_word\":[\"<NULL>\",\"<START>\",\"<END>\",\"<UNK>\","), text);
        assertTrue(text.contains("\"word_to_idx\":{\"<NULL>\":0,"), text);
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void inconsistentVocabularyFilesAreRejectedNamingTheEntry() throws IOException {
        Path a = CocoTestData.write(dir, "a.json", "{\"idx_to_word\": [\"<NULL>\", \"<START>\", \"<END>\", \"<UNK>\", \"a\"],"
                + " \"word_to_idx\": {\"<NULL>\": 0, \"<START>\": 1, \"<END>\": 2, \"<UNK>\": 3, \"a\": 5}}");
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> Vocabulary.load(a));
        assertTrue(e.getMessage().contains(a + ": word_to_idx[\"a\"]: is 5 but idx_to_word gives 4"), e.getMessage());

        Path b = CocoTestData.write(dir, "b.json", "{\"idx_to_word\": [\"<START>\", \"<NULL>\", \"<END>\", \"<UNK>\"]}");
        e = assertThrows(CocoFormatException.class, () -> Vocabulary.load(b));
        assertTrue(e.getMessage().contains("token id 0 must be <NULL>"), e.getMessage());

        Path c = CocoTestData.write(dir, "c.json", "{\"idx_to_word\": [\"<NULL>\",\n \"<START>\" \"<END>\"]}");
        e = assertThrows(CocoFormatException.class, () -> Vocabulary.load(c));
        assertEquals(2, e.line(), e.getMessage());
    }

    @Test
    void savedInsideModelZip() throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File zip = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, zip, false);
        assertEquals(Optional.empty(), ModelZipVocabulary.load(zip));
        Vocabulary v = Vocabulary.build(TRAIN, 1);
        ModelZipVocabulary.save(zip, v);
        assertEquals(v, ModelZipVocabulary.load(zip).orElseThrow());
        assertEquals(net.params(), ModelSerializer.restoreMultiLayerNetwork(zip).params());
    }
}
