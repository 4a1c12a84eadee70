package dev.cs231n.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.loss.NtXentLoss;
import dev.cs231n.pipelines.bench.jmh.NtXentBench;
import dev.cs231n.pipelines.bench.jmh.SimClrAugmentBench;
import org.junit.jupiter.api.Test;

/** The SimCLR bench rows: registered, the loss row against PyTorch's line (c), and each measures what it says. */
class SimClrBenchRowsTest {

    @Test
    void rowsAreRegistered() {
        BenchRow loss = BenchRows.byName("nt_xent_256x128").orElseThrow();
        assertEquals("NtXentBench.forwardBackward", loss.benchmark());
        assertEquals(256, loss.itemsPerOp());
        assertEquals("(c) SimCLR NT-Xent cs231n fwd+bwd (N=256 pairs, D=128)", loss.torchLabel());
        assertEquals("SimClrStepBench.step", BenchRows.byName("simclr_step_128_pairs").orElseThrow().benchmark());
        assertEquals("SimClrAugmentBench.pairs128",
                BenchRows.byName("simclr_augment_128_pairs").orElseThrow().benchmark());
        assertTrue(BenchRows.byName("nt_xent_256x128_samediff").isPresent());
    }

    @Test
    void bothLossPathsScoreTheSameRandomProjections() {
        NtXentBench fused = new NtXentBench();
        fused.path = NtXentLoss.Path.FUSED;
        fused.setUp();
        NtXentBench ref = new NtXentBench();
        ref.path = NtXentLoss.Path.SAMEDIFF;
        ref.setUp();
        double a = fused.forwardBackward();
        // 256 random pairs: each positive is about as similar as a negative, loss near log(2N - 1) = log(511)
        assertEquals(Math.log(511), a, 0.1);
        assertEquals(a, ref.forwardBackward(), 1e-4);
    }

    @Test
    void augmentationRendersFiniteViews() {
        SimClrAugmentBench b = new SimClrAugmentBench();
        b.setUp();
        assertTrue(Float.isFinite(b.pairs128()));
    }
}
