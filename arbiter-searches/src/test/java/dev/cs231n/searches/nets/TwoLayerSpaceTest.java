package dev.cs231n.searches.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.run.Termination;
import dev.cs231n.searches.store.CandidateSpec;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;

/** The two-layer space is the course's model: its grid, initialisation, L2 term and learning-rate decay. */
class TwoLayerSpaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SpaceCandidates<DL4JConfiguration> courseGrid(Map<String, ParameterSpace<?>> named) {
        ParameterSpace<Double> lr = HyperparameterChoice.values(named, "lr", 5e-4, 1e-3, 2e-3);
        ParameterSpace<Double> reg = HyperparameterChoice.values(named, "reg", 0.1, 0.27, 0.43, 0.6);
        ParameterSpace<Integer> hidden = HyperparameterChoice.sizes(named, "hidden", 100);
        MultiLayerSpace space = TwoLayerSpace.of(3072, 10, hidden, lr, reg, 1e-3, 0.95, 0, 7);
        return SpaceCandidates.of(space, named, Strategy.grid(2));
    }

    @Test
    void theCourseGridIsTwelveCandidatesWithExactlyItsValues() throws Exception {
        Map<String, ParameterSpace<?>> named = new LinkedHashMap<>();
        SpaceCandidates<DL4JConfiguration> c = courseGrid(named);
        assertEquals(List.of("lr", "reg"), c.names(), "hidden 100 is fixed, so not a searched name");
        List<CandidateSpec> all = c.candidates(new Termination(100, null));
        assertEquals(12, all.size());
        Set<String> pairs = new HashSet<>();
        for (CandidateSpec s : all) {
            JsonNode v = JSON.readTree(s.hyperparametersJson());
            pairs.add(v.get("lr").asDouble() + "/" + v.get("reg").asDouble());
            MultiLayerConfiguration conf = c.rebuild(s.hyperparametersJson()).getMultiLayerConfiguration();
            assertEquals(100, ((DenseLayer) conf.getConf(0).getLayer()).getNOut());
            Sgd sgd = assertInstanceOf(Sgd.class, ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater());
            assertEquals(v.get("lr").asDouble(), sgd.getLearningRate(0, 0), 1e-15);
            assertEquals(v.get("lr").asDouble() * Math.pow(0.95, 3), sgd.getLearningRate(1234, 3), 1e-15,
                    "lr x 0.95 per epoch");
            assertInstanceOf(ExponentialSchedule.class, sgd.getLearningRateSchedule());
            for (int l = 0; l < 2; l++) {
                BaseLayer layer = (BaseLayer) conf.getConf(l).getLayer();
                assertEquals(new WeightInitDistribution(new NormalDistribution(0, 1e-3)), layer.getWeightInitFn());
                assertEquals(0, layer.getBiasInit());
            }
        }
        Set<String> expected = new HashSet<>();
        for (double lr : new double[] {5e-4, 1e-3, 2e-3}) {
            for (double reg : new double[] {0.1, 0.27, 0.43, 0.6}) {
                expected.add(lr + "/" + reg);
            }
        }
        assertEquals(expected, pairs, "each grid point once");
    }

    @Test
    void theL2TermIsHalfRegTimesTheSquaredWeightsAndTheInitialWeightsHaveTheCourseScale() throws Exception {
        Map<String, ParameterSpace<?>> named = new LinkedHashMap<>();
        SpaceCandidates<DL4JConfiguration> c = courseGrid(named);
        CandidateSpec s = c.candidate(5);
        double reg = JSON.readTree(s.hyperparametersJson()).get("reg").asDouble();
        MultiLayerNetwork net = new MultiLayerNetwork(c.rebuild(s.hyperparametersJson()).getMultiLayerConfiguration());
        net.init();
        INDArray w1 = net.getParam("0_W").castTo(DataType.DOUBLE);
        INDArray w2 = net.getParam("1_W").castTo(DataType.DOUBLE);
        assertEquals(1e-3, w1.stdNumber().doubleValue(), 2e-5, "N(0, 1e-3^2) weights");
        assertEquals(0, net.getParam("0_b").sumNumber().doubleValue(), 0);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 20, 3072).subi(0.5),
                Nd4j.eye(10).repeat(0, 2).castTo(DataType.FLOAT));
        double withReg = net.score(batch, false);
        Map<String, ParameterSpace<?>> named0 = new LinkedHashMap<>();
        MultiLayerSpace noReg = TwoLayerSpace.of(3072, 10, HyperparameterChoice.sizes(named0, "hidden", 100),
                HyperparameterChoice.values(named0, "lr", 1e-3), HyperparameterChoice.values(named0, "reg", 0.0),
                1e-3, 0.95, 0, 7);
        MultiLayerNetwork plain = new MultiLayerNetwork(noReg.getValue(new double[0]).getMultiLayerConfiguration());
        plain.init(net.params().dup(), false);
        double data = plain.score(batch, false);
        double n1 = w1.norm2Number().doubleValue();
        double n2 = w2.norm2Number().doubleValue();
        double l2 = 0.5 * reg * (n1 * n1 + n2 * n2);
        assertTrue(l2 > 1e-4, "a visible L2 term: " + l2);
        assertEquals(data + l2, withReg, 1e-5 * withReg, "loss = data loss + 0.5 reg (|W1|^2 + |W2|^2)");
    }

    @Test
    void aStoredCandidateRebuildsFromTheStoredSpaceAlone() {
        Map<String, ParameterSpace<?>> named = new LinkedHashMap<>();
        SpaceCandidates<DL4JConfiguration> c = courseGrid(named);
        for (int i : new int[] {0, 7, 11}) {
            CandidateSpec s = c.candidate(i);
            DL4JConfiguration back = (DL4JConfiguration) SpaceCandidates.rebuildFromStoredSpace(c.spaceJson(),
                    s.hyperparametersJson());
            assertEquals(c.rebuild(s.hyperparametersJson()).getMultiLayerConfiguration().toJson(),
                    back.getMultiLayerConfiguration().toJson(), "candidate " + i);
        }
    }
}
