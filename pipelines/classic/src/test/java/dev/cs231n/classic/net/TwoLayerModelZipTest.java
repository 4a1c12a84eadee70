package dev.cs231n.classic.net;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.classic.Arrays64;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** model.zip: a round trip, and the DL4J network in it computes what the net computes. */
class TwoLayerModelZipTest {

    private static TwoLayerNet net(DataType t) {
        TwoLayerNet n = TwoLayerNet.create(12, 6, 4, 0.5, 0.3, t, 4);
        n.params().get(TwoLayerNet.B1).assign(Arrays64.randn(new Random(8), 6).castTo(t));
        n.params().get(TwoLayerNet.B2).assign(Arrays64.randn(new Random(9), 4).castTo(t));
        return n;
    }

    @Test
    void roundTripKeepsParametersRegAndPreprocessor(@TempDir Path dir) throws IOException {
        TwoLayerNet net = net(DataType.FLOAT);
        double[] mean = Arrays64.linspaceValues(0, 255, 3072);
        Path file = dir.resolve("model.zip");
        TwoLayerModelZip.write(file, net, new MeanImageSubtraction(mean));
        TwoLayerModelZip.Loaded back = TwoLayerModelZip.read(file);
        for (String k : net.params().keySet()) {
            assertEquals(net.params().get(k), back.net().params().get(k), k);
        }
        assertEquals(0.3, back.net().reg(), 1e-15);
        CifarPreprocessor p = back.preprocessor().orElseThrow();
        assertArrayEquals(mean, ((MeanImageSubtraction) p).meanImage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        TwoLayerModelZip.write(file, net, null);
        assertFalse(TwoLayerModelZip.read(file).preprocessor().isPresent());
    }

    @Test
    void theDl4jNetworkInTheFileComputesTheNetsProbabilitiesAndLoss(@TempDir Path dir) throws IOException {
        TwoLayerNet net = net(DataType.DOUBLE);
        Path file = dir.resolve("model.zip");
        TwoLayerModelZip.write(file, net, null);
        MultiLayerNetwork dl4j = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        INDArray x = Arrays64.randn(new Random(2), 5, 12);
        int[] y = {0, 3, 1, 2, 3};
        INDArray probs = Transforms.softmax(net.scores(x), true);
        assertClose("softmax(scores)", probs, dl4j.output(x), 1e-12);
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 5, 4);
        for (int i = 0; i < y.length; i++) {
            oneHot.putScalar(i, y[i], 1.0);
        }
        assertEquals(net.loss(x, y).loss(), dl4j.score(new DataSet(x, oneHot)), 1e-12,
                "DL4J's MCXENT + l2 score is the course's loss with regularisation");
    }

    @Test
    void otherFilesFailNamingTheFile(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.zip");
        Files.writeString(junk, "junk");
        IOException e = assertThrows(IOException.class, () -> TwoLayerModelZip.read(junk));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> TwoLayerModelZip.read(dir.resolve("none.zip")));
    }
}
