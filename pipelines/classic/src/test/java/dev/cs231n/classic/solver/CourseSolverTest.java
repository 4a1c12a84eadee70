package dev.cs231n.classic.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.cs231n.classic.net.TwoLayerNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/** The CourseSolver's course behaviour: overfitting, schedule and histories, best parameters, checkpoint and resume. */
class CourseSolverTest {

    private static final Synthetic.Set TRAIN = Synthetic.blobs(300, 30, 4, 2.0, 1, 99);
    private static final Synthetic.Set VAL = Synthetic.blobs(100, 30, 4, 2.0, 2, 99);
    private static final SolverData DATA = new SolverData(TRAIN.x(), TRAIN.y(), VAL.x(), VAL.y());

    private static TwoLayerNet net(long seed) {
        return TwoLayerNet.create(30, 20, 4, 1e-1, 0.01, DataType.FLOAT, seed);
    }

    private static SolverSettings settings(CourseUpdateRule rule, int epochs) {
        return SolverSettings.builder(rule).learningRate(rule instanceof AdamRule ? 1e-2 : 1e-1).lrDecay(0.9)
                .batchSize(32).numEpochs(epochs).numTrainSamples(100).seed(7).build();
    }

    @Test
    void overfitsFiftyExamplesToFullTrainAccuracy() throws IOException {
        Synthetic.Set small = Synthetic.noise(50, 3072, 3);
        TwoLayerNet net = TwoLayerNet.create(3072, 100, 10, 1e-2, 0, DataType.FLOAT, 1);
        SolverSettings s = SolverSettings.builder(new SgdRule()).learningRate(1e-1).batchSize(25).numEpochs(10)
                .seed(1).build();
        SolverResult r = new CourseSolver(net, new SolverData(small.x(), small.y(), small.x(), small.y()), s).train();
        assertEquals(1.0, r.trainAccHistory()[r.trainAccHistory().length - 1], "train accuracy history "
                + Arrays.toString(r.trainAccHistory()));
        assertEquals(1.0, SolverAccuracy.of(net, small.x(), small.y()));
    }

    @Test
    void followsTheCoursesScheduleAndKeepsTheBestParameters() throws IOException {
        SolverSettings s = settings(new SgdRule(), 4);
        TwoLayerNet net = net(1);
        CourseSolver solver = new CourseSolver(net, DATA, s);
        assertEquals(300 / 32, solver.iterationsPerEpoch());
        List<EpochReport> reports = new ArrayList<>();
        SolverResult r = solver.listener(reports::add).train();
        assertEquals(4 * 9, r.lossHistory().length);
        assertEquals(5, r.trainAccHistory().length, "a check after the first iteration and after each epoch");
        assertEquals(5, r.valAccHistory().length);
        assertEquals(1e-1 * Math.pow(0.9, 4), r.learningRate(), 1e-15);
        assertEquals(36, r.iterations());
        assertEquals(List.of(0, 1, 2, 3, 4), reports.stream().map(EpochReport::epoch).toList());
        double best = Arrays.stream(r.valAccHistory()).max().orElseThrow();
        assertEquals(best, r.bestValAccuracy());
        assertEquals(best, r.valAccHistory()[r.bestEpoch()]);
        assertEquals(best, SolverAccuracy.of(net, VAL.x(), VAL.y()), "the model holds the best-validation parameters");
        assertTrue(best > 0.8, "blobs are easy: " + best);
        assertTrue(r.lossHistory()[r.lossHistory().length - 1] < r.lossHistory()[0]);
        assertEquals(1, new CourseSolver(net(1), new SolverData(TRAIN.x(), TRAIN.y(), VAL.x(), VAL.y()),
                SolverSettings.builder(new SgdRule()).batchSize(500).build()).iterationsPerEpoch());
    }

    /** Ways a run stops before the end. */
    enum Stop {
        /** a failure after epoch 2's checkpoint */
        CRASH,
        /** a shorter run (2 epochs), later extended to 5 */
        SHORTER_RUN
    }

    @ParameterizedTest(name = "{0}, {1}")
    @EnumSource(Stop.class)
    void resumingFromTheCheckpointEndsWithTheUninterruptedResult(Stop stop, @TempDir Path dir) throws IOException {
        for (UpdateRuleKind rule : new UpdateRuleKind[] {UpdateRuleKind.SGD_MOMENTUM, UpdateRuleKind.ADAM}) {
            TwoLayerNet full = net(1);
            SolverResult a = new CourseSolver(full, DATA, settings(rule.create(), 5)).checkpointTo(dir.resolve("a.zip"))
                    .train();

            Path ckpt = dir.resolve(rule + "-b.zip");
            TwoLayerNet first = net(1);
            if (stop == Stop.CRASH) {
                CourseSolver s = new CourseSolver(first, DATA, settings(rule.create(), 5)).checkpointTo(ckpt)
                        .listener(r -> {
                            if (r.epoch() == 2) {
                                throw new IllegalStateException("simulated crash");
                            }
                        });
                assertThrows(IllegalStateException.class, s::train);
            } else {
                new CourseSolver(first, DATA, settings(rule.create(), 2)).checkpointTo(ckpt).train();
            }
            TwoLayerNet resumed = net(12345); // other initial weights: the checkpoint must replace them
            CourseSolver s = new CourseSolver(resumed, DATA, settings(rule.create(), 5)).checkpointTo(ckpt);
            s.resume(ckpt);
            assertEquals(2, s.epoch());
            SolverResult b = s.train();

            for (String k : full.params().keySet()) {
                assertEquals(full.params().get(k), resumed.params().get(k), rule + " " + k);
            }
            assertArrayEquals(a.lossHistory(), b.lossHistory(), rule + " losses");
            assertArrayEquals(a.trainAccHistory(), b.trainAccHistory());
            assertArrayEquals(a.valAccHistory(), b.valAccHistory());
            assertEquals(a.bestEpoch(), b.bestEpoch());
            assertEquals(a.learningRate(), b.learningRate(), 0.0);
            assertTrue(b.trainSeconds() > 0);
        }
    }

    @Test
    void aCheckpointFromBeforeTheTrainingSetSizeWasRecordedStillResumes(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("checkpoint.zip");
        SolverResult whole = new CourseSolver(net(1), DATA, settings(new SgdRule(), 2)).train();
        new CourseSolver(net(1), DATA, settings(new SgdRule(), 1)).checkpointTo(ckpt).train();
        Path old = dir.resolve("old.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(ckpt));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(old))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("solver.json")) {
                    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(bytes);
                    assertEquals(300, json.remove("trainExamples").intValue());
                    bytes = new ObjectMapper().writeValueAsBytes(json);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        CourseSolver s = new CourseSolver(net(2), DATA, settings(new SgdRule(), 2));
        s.resume(old);
        assertArrayEquals(whole.lossHistory(), s.train().lossHistory());
    }

    @Test
    void badCheckpointsFailNamingTheFileAndLeaveTheModelAlone(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("checkpoint.zip");
        new CourseSolver(net(1), DATA, settings(new SgdRule(), 1)).checkpointTo(ckpt).train();
        TwoLayerNet net = net(2);
        INDArray before = net.params().get(TwoLayerNet.W1).dup();

        IOException e = assertThrows(IOException.class,
                () -> new CourseSolver(net, DATA, SolverSettings.builder(new SgdRule()).learningRate(1e-1).lrDecay(0.9)
                        .batchSize(64).numEpochs(3).numTrainSamples(100).seed(7).build()).resume(ckpt));
        assertTrue(e.getMessage().contains(ckpt.toString()) && e.getMessage().contains("batch_size: checkpoint 32"),
                e.getMessage());

        e = assertThrows(IOException.class,
                () -> new CourseSolver(net, DATA, settings(new AdamRule(), 3)).resume(ckpt));
        assertTrue(e.getMessage().contains("update_rule"), e.getMessage());

        Synthetic.Set fewer = Synthetic.blobs(200, 30, 4, 2.0, 1, 99);
        e = assertThrows(IOException.class, () -> new CourseSolver(net, new SolverData(fewer.x(), fewer.y(), VAL.x(),
                VAL.y()), settings(new SgdRule(), 3)).resume(ckpt));
        assertTrue(e.getMessage().contains("trained on 300 training examples, this run has 200"), e.getMessage());

        TwoLayerNet wider = TwoLayerNet.create(30, 21, 4, 1e-1, 0.01, DataType.FLOAT, 1);
        e = assertThrows(IOException.class,
                () -> new CourseSolver(wider, DATA, settings(new SgdRule(), 3)).resume(ckpt));
        assertTrue(e.getMessage().contains("params/W1.npy") && e.getMessage().contains("[30, 21]"), e.getMessage());

        byte[] bytes = Files.readAllBytes(ckpt);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IOException.class,
                () -> new CourseSolver(net, DATA, settings(new SgdRule(), 3)).resume(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "not a zip");
        e = assertThrows(IOException.class,
                () -> new CourseSolver(net, DATA, settings(new SgdRule(), 3)).resume(garbage));
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());

        assertThrows(NoSuchFileException.class,
                () -> new CourseSolver(net, DATA, settings(new SgdRule(), 3)).resume(dir.resolve("missing.zip")));
        assertEquals(before, net.params().get(TwoLayerNet.W1), "a failed resume leaves the model as it was");
        assertNotEquals(before, net(1).params().get(TwoLayerNet.W1));
    }

    @Test
    void settingsAndDataAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> settings(new SgdRule(), -1));
        assertThrows(IllegalArgumentException.class,
                () -> SolverSettings.builder(new SgdRule()).lrDecay(1.5).build());
        assertThrows(IllegalArgumentException.class,
                () -> SolverSettings.builder(new SgdRule()).learningRate(0).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SolverData(TRAIN.x(), new int[3], VAL.x(), VAL.y()));
        assertTrue(e.getMessage().contains("training"), e.getMessage());
    }
}
