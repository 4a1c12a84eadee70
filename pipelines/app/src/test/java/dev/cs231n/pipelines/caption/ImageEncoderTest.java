package dev.cs231n.pipelines.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.pipelines.simclr.SimClrNets;
import dev.cs231n.pipelines.simclr.SimClrSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

/** The frozen encoders of the captioning jobs on real model.zip files of the cnn and simclr-pretrain jobs. */
class ImageEncoderTest {

    @TempDir
    static Path tmp;
    static List<Path> images;

    @BeforeAll
    static void data() throws IOException {
        Path coco = SyntheticCoco.write(tmp.resolve("coco"));
        try (Stream<Path> s = Files.list(coco.resolve("coco-mini/train2017"))) {
            images = s.sorted().limit(2).toList();
        }
    }

    static boolean finite(float[] f) {
        for (float v : f) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aCnnRunGivesTheActivationsOfTheLayerBeforeItsOutputLayer() throws IOException, URISyntaxException {
        // the compatibility artifact of the cnn job (model.zip with its CIFAR preprocessing inside)
        Path run = Path.of(ImageEncoderTest.class.getResource("/compat/v1/cnn/model.zip").toURI()).getParent();
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(run.resolve("model.zip").toFile(), false);
        int k = ImageEncoder.defaultLayer(net);
        assertEquals(net.getnLayers() - 2, k);
        ImageEncoder e = ImageEncoder.fromRun(run, -1);
        assertTrue(e.describe().contains("layer " + k) && e.describe().contains("with its preprocessing"),
                e.describe());
        float[] a = e.encode(images.get(0));
        float[] b = e.encode(images.get(1));
        assertEquals(a.length, b.length);
        assertTrue(a.length > 0 && finite(a) && finite(b));
        assertFalse(java.util.Arrays.equals(a, b), "two different images give different features");
        assertTrue(java.util.Arrays.equals(a, e.encode(images.get(0))), "frozen: the same image, the same features");
    }

    @Test
    void aSimclrRunGivesTheEncodersRepresentationNotTheProjectionHead() throws IOException {
        SimClrSpec spec = SimClrSpec.course();
        MultiLayerNetwork net = SimClrNets.pretraining(spec, new Adam(1e-3), 1);
        Path run = Files.createDirectories(tmp.resolve("simclr"));
        ModelSerializer.writeModel(net, run.resolve("model.zip").toFile(), false);
        int k = ImageEncoder.defaultLayer(net);
        assertEquals(SimClrNets.encoderLayers(spec) - 1, k);
        assertTrue(net.getLayerWiseConfigurations().getConf(k).getLayer() instanceof GlobalPoolingLayer);
        ImageEncoder e = ImageEncoder.fromRun(run, -1);
        assertTrue(e.describe().contains("with its preprocessing"), "the course's normalisation of SimCLR's views: "
                + e.describe());
        float[] f = e.encode(images.get(0));
        assertEquals(SimClrNets.FEATURES, f.length);
        assertTrue(finite(f));
        // an explicit layer still wins: the head's 512-wide hidden layer
        assertEquals(spec.hidden(), ImageEncoder.fromRun(run, k + 1).encode(images.get(0)).length);
    }

    @Test
    void aLayerOutOfRangeIsRefusedNamingTheModel() throws IOException {
        SimClrSpec spec = SimClrSpec.course();
        Path run = Files.createDirectories(tmp.resolve("simclr-range"));
        ModelSerializer.writeModel(SimClrNets.pretraining(spec, new Adam(1e-3), 1), run.resolve("model.zip").toFile(),
                false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageEncoder.fromRun(run, 99));
        assertTrue(e.getMessage().contains("model.zip") && e.getMessage().contains("99"), e.getMessage());
    }
}
