package dev.cs231n.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchBaselineTest {

    @Test
    void quotesTheOpenblasHaswellColumn() throws IOException {
        TorchBaseline t = TorchBaseline.bundled();
        assertEquals(71.01, t.ms("matmul 2048x2048x2048 float32").orElseThrow(), 1e-9);
        assertEquals(389.86, t.ms("(f) two-layer net epoch 49k, MEASURED (incl. batch gather)").orElseThrow(), 1e-9);
        assertEquals(38.78, t.ms("(d) small CNN c32-pool-c64-pool-fc10 SGD train step (b128)").orElseThrow(), 1e-9);
        assertTrue(t.header().startsWith("torch 1.13"), t.header());
        assertTrue(t.ms("no such line").isEmpty());
        assertTrue(t.ms(null).isEmpty());
    }

    @Test
    void everyMappedRowFindsItsBaselineLine() throws IOException {
        TorchBaseline t = TorchBaseline.bundled();
        assertEquals(23, TorchRows.all().size());
        TorchRows.all().forEach((row, label) -> assertTrue(t.ms(label).isPresent(),
                row + " -> '" + label + "' not in " + t.labels()));
        for (BenchRow r : BenchRows.ALL) {
            if (r.torchLabel() != null) {
                assertTrue(t.ms(r.torchLabel()).isPresent(), r.name());
            }
        }
    }

    @Test
    void readsTheWave2LinesToo() throws IOException {
        TorchBaseline t = TorchBaseline.bundled();
        assertEquals(18.73, t.ms("(h) GroupNorm(8) native fwd+bwd (128x64x32x32)").orElseThrow(), 1e-9);
        assertEquals(41.96, t.ms("(g) deep CNN 32/64/128 no norm Adam train step (b128)").orElseThrow(), 1e-9);
        assertEquals(0.36, t.ms("(a) BatchNorm1d native fwd+bwd (256x3072)").orElseThrow(), 1e-9);
        assertEquals(TorchRows.lineFor("layernorm_256x3072"), TorchRows.lineFor("layernorm_256x3072_samediff"));
    }

    @Test
    void aMeasuredBaselineComesFirst() throws IOException {
        TorchBaseline t = TorchBaseline.measured("this run", java.util.Map.of("matmul 2048x2048x2048 float32", 80.0))
                .with(TorchBaseline.bundled());
        assertEquals(80.0, t.ms("matmul 2048x2048x2048 float32").orElseThrow(), 1e-9);
        assertEquals(18.73, t.ms("(h) GroupNorm(8) native fwd+bwd (128x64x32x32)").orElseThrow(), 1e-9);
    }

    @Test
    void builtInRowsCompareWithTheSameLine() {
        assertEquals(TorchRows.lineFor("batchnorm_256x3072"), TorchRows.lineFor("batchnorm_256x3072_builtin"));
        assertEquals(TorchRows.lineFor("batchnorm_256x3072"), TorchRows.lineFor("batchnorm_256x3072_builtin_onednn"));
        assertEquals("(f) two-layer net epoch 49k, MEASURED (incl. batch gather)",
                TorchRows.lineFor("two_layer_epoch_49k").orElseThrow());
        assertTrue(TorchRows.lineFor("cifar_load_train").isEmpty());
    }

    @Test
    void attentionRowsCompareWithTheirPyTorchLines() {
        assertEquals("(i) course decoder layer fwd+bwd (64x16x256, h4, ff2048, mem 1)",
                TorchRows.lineFor("decoder_layer_64x16x256_h4").orElseThrow());
        assertEquals(TorchRows.lineFor("self_attention_64x17x256_h4"),
                TorchRows.lineFor("self_attention_64x17x256_h4_dl4j"));
        assertEquals(TorchRows.lineFor("self_attention_64x17x256_h4"),
                TorchRows.lineFor("self_attention_64x17x256_h4_dl4j_corrected"));
    }

    @Test
    void rowNamesAreUnique() {
        assertEquals(BenchRows.ALL.size(), BenchRows.ALL.stream().map(BenchRow::name).distinct().count());
    }

    @Test
    void aFileThatIsNotABaselineIsRejectedWithItsName(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("other.txt");
        Files.writeString(f, "hello\nworld\n");
        IOException e = assertThrows(IOException.class, () -> TorchBaseline.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
