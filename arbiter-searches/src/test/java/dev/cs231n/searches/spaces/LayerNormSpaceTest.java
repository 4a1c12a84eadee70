package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cs231n.layers.norm.LayerNorm;
import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LayerNormSpaceTest {

    /** The weight-decay options here (BatchNormSpaceTest covers L1/L2), with every other option set. */
    static LayerNormSpace lnSpace() {
        return new LayerNormSpace.Builder()
                .eps(new ContinuousParameterSpace(1e-4, 1e-3))
                .dataFormat(new DiscreteParameterSpace<>(RNNFormat.NCW, RNNFormat.NWC))
                .updater(new SgdSpace(new ContinuousParameterSpace(0.01, 0.1)))
                .biasUpdater(new Nesterovs(0.02, 0.9))
                .weightDecay(new ContinuousParameterSpace(1e-4, 1e-3))
                .weightDecayBias(3e-4)
                .build();
    }

    static MultiLayerSpace net(LayerNormSpace ln) {
        return new MultiLayerSpace.Builder().seed(2)
                .addLayer(new DenseLayerSpace.Builder().nOut(6).activation(Activation.IDENTITY).build())
                .addLayer(ln)
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
    }

    @Test
    void jsonRoundTripInAMultiLayerSpaceAndAComputationGraphSpace() {
        MultiLayerSpace space = net(lnSpace());
        SpaceChecks.roundTrip(space, SpaceChecks.points(space, 5, 12));

        ComputationGraphSpace graph = new ComputationGraphSpace.Builder().seed(2)
                .addInputs("in")
                .addLayer("dense", new DenseLayerSpace.Builder().nOut(6).activation(Activation.IDENTITY).build(), "in")
                .addLayer("ln", lnSpace(), "dense")
                .addLayer("out", new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build(), "ln")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(4))
                .build();
        List<double[]> points = SpaceChecks.points(graph, 3, 13);
        ComputationGraphSpace back = SpaceChecks.roundTrip(graph, points);
        ComputationGraph net = new ComputationGraph(back.getValue(points.get(0)).getConfiguration());
        net.init();
        INDArray out = net.outputSingle(SpaceChecks.randn(4, 5, 4));
        assertEquals(List.of(5L, 3L), List.of(out.size(0), out.size(1)));
    }

    @Test
    void randomPointsGiveLayersInsideTheRangesAndTheNetworkRuns() {
        LayerNormSpace ln = lnSpace();
        MultiLayerSpace space = net(ln);
        List<double[]> points = SpaceChecks.points(space, 12, 6);
        List<LayerNorm> layers = points.stream().map(p -> SpaceChecks.layer(space, p, 1, LayerNorm.class)).toList();
        SpaceChecks.inRangeAndVaries("eps", layers.stream().map(LayerNorm::getEps).toList(), 1e-4, 1e-3);
        SpaceChecks.inRangeAndVaries("lr", layers.stream()
                .map(l -> SpaceChecks.lr(assertInstanceOf(Sgd.class, l.getUpdaterByParam(LayerNorm.GAMMA_KEY))))
                .toList(), 0.01, 0.1);
        SpaceChecks.inRangeAndVaries("weightDecay", layers.stream().map(l -> SpaceChecks.coefficient(
                l.getRegularizationByParam(LayerNorm.GAMMA_KEY), WeightDecay.class,
                r -> r.getCoeff().valueAt(0, 0))).toList(), 1e-4, 1e-3);
        for (LayerNorm l : layers) {
            assertEquals(6, l.getNIn()); // unset in the space: from the input type
            assertEquals(new Nesterovs(0.02, 0.9), l.getUpdaterByParam(LayerNorm.BETA_KEY));
            assertEquals(3e-4, SpaceChecks.coefficient(l.getRegularizationByParam(LayerNorm.BETA_KEY),
                    WeightDecay.class, r -> r.getCoeff().valueAt(0, 0)), 0.0);
        }
        // the data format: the layer as the space builds it (a network's recurrent input type would override it)
        Set<RNNFormat> formats = points.stream().map(p -> ln.getValue(p).getDataFormat()).collect(Collectors.toSet());
        assertEquals(Set.of(RNNFormat.NCW, RNNFormat.NWC), formats);
        assertEquals(4, ln.numParameters(), "eps, dataFormat, lr, weightDecay");
        SpaceChecks.forward(space.getValue(points.get(0)), SpaceChecks.randn(3, 5, 4), 5, 3);
    }
}
