package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.cs231n.layers.dropout.InvertedDropout;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class InvertedDropoutSpaceTest {

    static MultiLayerSpace net(InvertedDropoutSpace dropout, Double globalDropOut) {
        MultiLayerSpace.Builder b = new MultiLayerSpace.Builder().seed(4)
                .addLayer(new DenseLayerSpace.Builder().nOut(6).activation(Activation.RELU).build())
                .addLayer(dropout)
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4));
        if (globalDropOut != null) {
            b.dropOut(globalDropOut);
        }
        return b.build();
    }

    static InvertedDropoutSpace searched() {
        return new InvertedDropoutSpace.Builder().keepProbability(new ContinuousParameterSpace(0.5, 0.9)).build();
    }

    @Test
    void jsonRoundTripInAMultiLayerSpace() {
        MultiLayerSpace space = net(searched(), null);
        SpaceChecks.roundTrip(space, SpaceChecks.points(space, 5, 15));
        MultiLayerSpace fixed = net(new InvertedDropoutSpace.Builder().keepProbability(0.75).build(), null);
        SpaceChecks.roundTrip(fixed, SpaceChecks.points(fixed, 1, 15));
    }

    @Test
    void randomPointsGiveLayersInsideTheRangesAndTheNetworkRuns() {
        MultiLayerSpace space = net(searched(), null);
        List<double[]> points = SpaceChecks.points(space, 12, 8);
        SpaceChecks.inRangeAndVaries("keepProbability", points.stream()
                .map(p -> SpaceChecks.layer(space, p, 1, InvertedDropout.class).getKeepProbability()).toList(),
                0.5, 0.9);
        SpaceChecks.forward(space.getValue(points.get(0)), SpaceChecks.randn(3, 5, 4), 5, 3);
    }

    @Test
    void unsetKeepProbabilityFollowsTheNetworksDropoutAsTheLayerDoes() {
        MultiLayerSpace global = net(new InvertedDropoutSpace.Builder().build(), 0.7);
        double[] p = SpaceChecks.points(global, 1, 9).get(0);
        assertEquals(0.7, SpaceChecks.layer(global, p, 1, InvertedDropout.class).getKeepProbability(), 0.0);
        MultiLayerSpace none = net(new InvertedDropoutSpace.Builder().build(), null);
        double[] q = SpaceChecks.points(none, 1, 9).get(0);
        assertEquals(InvertedDropout.DEFAULT_KEEP_PROBABILITY,
                SpaceChecks.layer(none, q, 1, InvertedDropout.class).getKeepProbability(), 0.0);
        // a value set on the space wins over the network's, as on the layer
        MultiLayerSpace both = net(new InvertedDropoutSpace.Builder().keepProbability(0.9).build(), 0.7);
        double[] r = SpaceChecks.points(both, 1, 9).get(0);
        assertEquals(0.9, SpaceChecks.layer(both, r, 1, InvertedDropout.class).getKeepProbability(), 0.0);
    }
}
