package dev.cs231n.classic.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.cs231n.datavec.cifar.preprocess.BiasTrick;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.datavec.cifar.preprocess.PreprocessorChain;
import dev.cs231n.classic.TestArrays;
import dev.cs231n.classic.layers.DataLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LinearModelFileTest {

    private static LinearModel model() {
        double[] mean = new double[3072];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (i * 37) % 256;
        }
        INDArray w = TestArrays.gaussian(8, 3073, 10).muli(1e-3).castTo(DataType.FLOAT);
        return new LinearModel(new LinearClassifier(DataLoss.SOFTMAX, w),
                PreprocessorChain.of(new MeanImageSubtraction(mean), BiasTrick.INSTANCE));
    }

    @Test
    void roundTripGivesTheSameWeightsAndPredictions(@TempDir Path dir) throws IOException {
        LinearModel m = model();
        Path f = dir.resolve("model.zip");
        LinearModelFile.write(f, m);
        LinearModel back = LinearModelFile.read(f);
        assertEquals(DataLoss.SOFTMAX, back.classifier().loss());
        assertEquals(m.weights(), back.weights());
        INDArray raw = TestArrays.gaussian(9, 20, 3072).muli(60).addi(128).castTo(DataType.FLOAT);
        assertArrayEquals(m.predict(raw.dup()), back.predict(raw.dup()));
        assertEquals(1, Files.list(dir).count(), "no temporary file left behind");
    }

    @Test
    void aMissingEntryOrForeignZipNamesTheFileAndEntry(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> LinearModelFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(LinearModelFile.META),
                e.getMessage());
    }

    @Test
    void aNewerVersionIsRefusedWithAMessage(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("future.zip");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(LinearModelFile.META));
            zip.write(("{\"format\":\"" + LinearModelFile.FORMAT + "\",\"formatVersion\":99}")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> LinearModelFile.read(f));
        assertTrue(e.getMessage().contains("newer") && e.getMessage().contains(f.toString()), e.getMessage());
        Path missing = dir.resolve("missing.zip");
        IOException m = assertThrows(IOException.class, () -> LinearModelFile.read(missing));
        assertTrue(m.getMessage().contains(missing.toString()), m.getMessage());
    }
}
