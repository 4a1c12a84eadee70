package dev.cs231n.datavec.cifar.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

class PreprocessorPersistenceTest {

    private static final CifarDataset TRAIN = PreprocessorTestData.random(30, 5);
    private static final CifarDataset OTHER = PreprocessorTestData.random(6, 6);

    @TempDir
    Path dir;

    private static PreprocessorChain fittedChain() {
        return PreprocessorChain.of(MeanImageSubtraction.fit(TRAIN), ChannelStandardization.fit(TRAIN),
                BiasTrick.INSTANCE);
    }

    @Test
    void jsonRoundTripGivesIdenticalOutputs() throws IOException {
        PreprocessorChain chain = fittedChain();
        String json = PreprocessorJson.toJson(chain);
        assertTrue(json.contains("\"formatVersion\" : 1"), json.substring(0, 120));
        assertTrue(json.contains("\"format\" : \"cs231n.cifar10.preprocessing\""));
        CifarPreprocessor restored = PreprocessorJson.fromJson(json);
        PreprocessorChain restoredChain = assertInstanceOf(PreprocessorChain.class, restored);
        assertEquals(3, restoredChain.steps().size());
        assertArrayEquals(((MeanImageSubtraction) chain.steps().get(0)).meanImage(),
                ((MeanImageSubtraction) restoredChain.steps().get(0)).meanImage(), 0);
        for (FeatureLayout layout : FeatureLayout.values()) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray x = CifarTensors.features(OTHER, layout, type);
                assertEquals(chain.transform(x.dup()), restored.transform(x.dup()), layout + " " + type);
            }
        }
        assertEquals(json, PreprocessorJson.toJson(restored));
    }

    @Test
    void streamRoundTripAndSingleSteps() throws IOException {
        ChannelStandardization std = ChannelStandardization.fit(TRAIN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PreprocessorJson.write(std, out);
        CifarPreprocessor back = PreprocessorJson.read(new ByteArrayInputStream(out.toByteArray()));
        ChannelStandardization restored = assertInstanceOf(ChannelStandardization.class, back);
        assertArrayEquals(std.mean(), restored.mean(), 0);
        assertArrayEquals(std.std(), restored.std(), 0);
        assertSame(BiasTrick.INSTANCE, PreprocessorJson.fromJson(PreprocessorJson.toJson(BiasTrick.INSTANCE)));
    }

    @Test
    void versionOneFilesStayReadable() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/preprocessing-v1.json")) {
            CifarPreprocessor p = PreprocessorJson.read(in);
            PreprocessorChain chain = assertInstanceOf(PreprocessorChain.class, p);
            ChannelStandardization std = assertInstanceOf(ChannelStandardization.class, chain.steps().get(0));
            assertArrayEquals(new double[] {125.306918046875, 122.950394140625, 113.86538318359375}, std.mean(), 0);
            assertArrayEquals(new double[] {62.99321927813693, 62.08870764001417, 66.70489964063094}, std.std(), 0);
            assertSame(BiasTrick.INSTANCE, chain.steps().get(1));
        }
    }

    @Test
    void malformedOrNewerJsonIsRejectedWithAReason() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode newer = (ObjectNode) mapper.readTree(PreprocessorJson.toJson(BiasTrick.INSTANCE));
        newer.put("formatVersion", 2);
        IOException e = assertThrows(IOException.class, () -> PreprocessorJson.fromJson(newer.toString()));
        assertTrue(e.getMessage().contains("formatVersion 2"), e.getMessage());

        IOException type = assertThrows(IOException.class, () -> PreprocessorJson.fromJson(
                "{\"format\":\"cs231n.cifar10.preprocessing\",\"formatVersion\":1,\"steps\":[{\"type\":\"zca\"}]}"));
        assertTrue(type.getMessage().contains("zca"), type.getMessage());
        IOException length = assertThrows(IOException.class, () -> PreprocessorJson.fromJson(
                "{\"format\":\"cs231n.cifar10.preprocessing\",\"formatVersion\":1,"
                        + "\"steps\":[{\"type\":\"meanImage\",\"mean\":[1,2]}]}"));
        assertTrue(length.getMessage().contains("3072"), length.getMessage());
        assertThrows(IOException.class, () -> PreprocessorJson.fromJson("{\"format\":\"other\",\"formatVersion\":1}"));
        assertThrows(IOException.class, () -> PreprocessorJson.fromJson("not json"));
        assertThrows(IOException.class, () -> PreprocessorJson.fromJson(
                "{\"format\":\"cs231n.cifar10.preprocessing\",\"formatVersion\":1,\"steps\":[]}"));
    }

    @Test
    void savedWithAModelAndRestoredWithIt() throws IOException {
        PreprocessorChain chain = fittedChain();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3073).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File zip = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, zip, false);
        assertEquals(Optional.empty(), ModelZipPreprocessors.load(zip));
        ModelZipPreprocessors.save(zip, chain);

        MultiLayerNetwork restoredNet = ModelSerializer.restoreMultiLayerNetwork(zip);
        CifarPreprocessor restored = ModelZipPreprocessors.load(zip).orElseThrow();
        INDArray raw = CifarTensors.features(OTHER, FeatureLayout.NCHW, DataType.FLOAT);
        INDArray expected = net.output(chain.transform(raw.dup()));
        INDArray actual = restoredNet.output(restored.transform(raw.dup()));
        assertEquals(expected, actual);
        assertTrue(ModelSerializer.listObjectsInFile(zip).contains(ModelZipPreprocessors.KEY));

        assertThrows(IOException.class, () -> ModelZipPreprocessors.load(dir.resolve("absent.zip").toFile()));
    }
}
