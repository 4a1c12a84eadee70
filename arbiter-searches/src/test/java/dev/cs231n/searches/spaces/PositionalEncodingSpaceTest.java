package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cs231n.layers.attention.PositionalEncoding;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.RnnOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class PositionalEncodingSpaceTest {

    static PositionalEncodingSpace peSpace() {
        return new PositionalEncodingSpace.Builder()
                .nIn(8)
                .maxLength(new IntegerParameterSpace(5, 50))
                .dropout(new ContinuousParameterSpace(0.0, 0.3))
                .dataFormat(new DiscreteParameterSpace<>(RNNFormat.NCW, RNNFormat.NWC))
                .build();
    }

    static MultiLayerSpace net(PositionalEncodingSpace pe) {
        return new MultiLayerSpace.Builder().seed(6)
                .addLayer(pe)
                .addLayer(new RnnOutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.recurrent(8, 5))
                .build();
    }

    @Test
    void jsonRoundTripInAMultiLayerSpace() {
        MultiLayerSpace space = net(peSpace());
        SpaceChecks.roundTrip(space, SpaceChecks.points(space, 5, 17));
    }

    @Test
    void randomPointsGiveLayersInsideTheRangesAndTheNetworkRuns() {
        PositionalEncodingSpace pe = peSpace();
        MultiLayerSpace space = net(pe);
        List<double[]> points = SpaceChecks.points(space, 12, 11);
        List<PositionalEncoding> layers = points.stream()
                .map(p -> SpaceChecks.layer(space, p, 0, PositionalEncoding.class)).toList();
        SpaceChecks.inRangeAndVaries("maxLength", layers.stream().map(l -> (double) l.getMaxLength()).toList(), 5, 50);
        SpaceChecks.inRangeAndVaries("dropout", layers.stream().map(PositionalEncoding::getDropout).toList(), 0.0, 0.3);
        layers.forEach(l -> assertEquals(8, l.getNIn()));
        assertEquals(Set.of(RNNFormat.NCW, RNNFormat.NWC),
                points.stream().map(p -> pe.getValue(p).getDataFormat()).collect(Collectors.toSet()));
        assertEquals(3, pe.numParameters());
        SpaceChecks.forward(space.getValue(points.get(0)), SpaceChecks.randn(3, 2, 8, 5), 2, 3, 5);
    }
}
