package dev.cs231n.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.pipelines.bench.jmh.CaptionDecodeBench;
import dev.cs231n.pipelines.bench.jmh.CaptioningTransformerBench;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The captioning bench rows: registered against PyTorch's lines (j) and (k), and each measures what it says. */
class CaptionBenchRowsTest {

    @Test
    void stepRowsAreComparedWithPyTorchsCaptionerLines() {
        assertEquals("(j) CaptioningTransformer W256 h2 L2 Adam train step (b25, T16)",
                BenchRows.byName("captioning_transformer_step_b25_t16").orElseThrow().torchLabel());
        assertEquals("(k) CaptioningRNN W256 H512 Adam train step (b25, T16)",
                BenchRows.byName("captioning_rnn_step_b25_t16").orElseThrow().torchLabel());
        assertEquals("(k) CaptioningRNN W256 H512 Adam train step (b25, T16)",
                BenchRows.byName("captioning_rnn_step_b25_t16_samediff").orElseThrow().torchLabel());
        for (String r : List.of("caption_greedy_rnn_25", "caption_beam3_rnn", "caption_greedy_transformer_25",
                "caption_beam3_transformer")) {
            assertEquals("caption", BenchRows.byName(r).orElseThrow().item(), r);
        }
    }

    @Test
    void theTransformerStepTrains() {
        CaptioningTransformerBench b = new CaptioningTransformerBench();
        b.setUp();
        b.step();
        b.step();
    }

    @SuppressWarnings("unchecked")
    @Test
    void decodingRunsTheFullLengthForEveryImage() {
        CaptionDecodeBench b = new CaptionDecodeBench();
        b.model = "rnn";
        b.setUp();
        List<int[]> greedy = (List<int[]>) b.greedy();
        assertEquals(CaptionDecodeBench.IMAGES, greedy.size());
        List<int[]> beam = (List<int[]>) b.beam();
        assertEquals(CaptionDecodeBench.BEAM_IMAGES, beam.size());
        // an untrained model practically never emits <END>: the rows measure full-length captions
        assertTrue(greedy.stream().filter(c -> c.length >= 29).count() >= CaptionDecodeBench.IMAGES - 1,
                "greedy lengths");
    }
}
