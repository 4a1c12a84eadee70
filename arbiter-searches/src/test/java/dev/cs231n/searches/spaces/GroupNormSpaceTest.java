package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cs231n.layers.norm.GroupNorm;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.GlobalPoolingLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GroupNormSpaceTest {

    static GroupNormSpace gnSpace() {
        return new GroupNormSpace.Builder()
                .nIn(8)
                .groups(new DiscreteParameterSpace<>(1, 2, 4, 8))
                .eps(new ContinuousParameterSpace(1e-4, 1e-3))
                .updater(AdamSpace.withLR(new ContinuousParameterSpace(1e-3, 1e-2)))
                .l2(new ContinuousParameterSpace(1e-4, 1e-3))
                .build();
    }

    static MultiLayerSpace net(GroupNormSpace gn) {
        return new MultiLayerSpace.Builder().seed(3)
                .addLayer(gn)
                .addLayer(new GlobalPoolingLayerSpace.Builder().poolingType(PoolingType.AVG).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.convolutional(3, 3, 8))
                .build();
    }

    @Test
    void jsonRoundTripInAMultiLayerSpace() {
        MultiLayerSpace space = net(gnSpace());
        SpaceChecks.roundTrip(space, SpaceChecks.points(space, 5, 14));
    }

    @Test
    void groupsAreRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroupNormSpace.Builder().eps(1e-5).build());
        assertTrue(e.getMessage().contains("groups"), e.getMessage());
    }

    @Test
    void randomPointsGiveLayersInsideTheRangesAndTheNetworkRuns() {
        MultiLayerSpace space = net(gnSpace());
        List<double[]> points = SpaceChecks.points(space, 12, 7);
        List<GroupNorm> layers = points.stream().map(p -> SpaceChecks.layer(space, p, 0, GroupNorm.class)).toList();
        Set<Integer> groups = layers.stream().map(GroupNorm::getGroups).collect(Collectors.toSet());
        assertTrue(Set.of(1, 2, 4, 8).containsAll(groups) && groups.size() > 1, groups.toString());
        SpaceChecks.inRangeAndVaries("eps", layers.stream().map(GroupNorm::getEps).toList(), 1e-4, 1e-3);
        SpaceChecks.inRangeAndVaries("lr", layers.stream()
                .map(l -> SpaceChecks.lr(assertInstanceOf(Adam.class, l.getUpdaterByParam(GroupNorm.BETA_KEY))))
                .toList(), 1e-3, 1e-2);
        SpaceChecks.inRangeAndVaries("l2", layers.stream().map(l -> SpaceChecks.coefficient(
                l.getRegularizationByParam(GroupNorm.GAMMA_KEY), L2Regularization.class,
                r -> r.getL2().valueAt(0, 0))).toList(), 1e-4, 1e-3);
        layers.forEach(l -> assertEquals(8, l.getNIn()));
        SpaceChecks.forward(space.getValue(points.get(0)), SpaceChecks.randn(3, 2, 8, 3, 3), 2, 2);
    }
}
