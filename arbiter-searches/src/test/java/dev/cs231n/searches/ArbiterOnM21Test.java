package dev.cs231n.searches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.saver.local.FileModelSaver;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Arbiter 1.0.0-beta7 (its last release) running on DL4J 1.0.0-M2.1 with its own beta7 DL4J/ND4J/DataVec
 * excluded, as the parent pom does: a random search over learning rate and width trains, scores on validation
 * data, saves and reloads its candidates.
 */
class ArbiterOnM21Test {

    @Test
    void randomSearchRunsScoresAndSavesOnThisStack(@TempDir Path dir) throws Exception {
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .updater(new SgdSpace(new ContinuousParameterSpace(0.05, 0.5)))
                .seed(12345)
                .addLayer(new DenseLayerSpace.Builder().nIn(4).nOut(new IntegerParameterSpace(4, 16))
                        .activation(Activation.TANH).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .numEpochs(5)
                .build();
        Properties props = new Properties();
        props.setProperty("seed", "7");
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(space, null))
                .dataSource(SyntheticDataSource.class, props)
                .modelSaver(new FileModelSaver(dir.toFile()))
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .terminationConditions(new MaxCandidatesCondition(3), new MaxTimeCondition(2, TimeUnit.MINUTES))
                .rngSeed(3)
                .build();
        IOptimizationRunner runner = new LocalOptimizationRunner(1, conf, new MultiLayerNetworkTaskCreator());
        runner.execute();

        List<OptimizationResult> results = runner.getResults().stream().map(r -> {
            try {
                return r.getResult();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertEquals(3, runner.numCandidatesCompleted(), "failed candidates: " + runner.numCandidatesFailed());
        assertEquals(3, results.size());
        double best = results.stream().mapToDouble(OptimizationResult::getScore).max().orElseThrow();
        assertEquals(best, runner.bestScore(), 0.0);
        assertTrue(best > 0.9, "two well-separated blobs: best validation accuracy " + best);
        MultiLayerNetwork restored = (MultiLayerNetwork) runner.getResults().get(0).getResultModel();
        assertNotNull(restored);
        assertEquals(4, restored.layerInputSize(0));
    }
}
