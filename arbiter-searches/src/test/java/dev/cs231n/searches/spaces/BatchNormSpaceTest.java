package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import dev.cs231n.layers.norm.BatchNorm;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BatchNormSpaceTest {

    /** Every option of the space set, fixed ones to non-defaults and ranges that exclude the defaults. */
    static BatchNormSpace bnSpace() {
        return new BatchNormSpace.Builder()
                .nIn(6)
                .momentum(new ContinuousParameterSpace(0.5, 0.7))
                .eps(new ContinuousParameterSpace(1e-4, 1e-3))
                .updater(AdamSpace.withLR(new ContinuousParameterSpace(1e-3, 1e-2)))
                .biasUpdater(new Sgd(0.05))
                .l1(new ContinuousParameterSpace(1e-5, 1e-4))
                .l2(new ContinuousParameterSpace(1e-4, 1e-3))
                .l1Bias(2e-5)
                .l2Bias(new ContinuousParameterSpace(1e-3, 1e-2))
                .build();
    }

    static MultiLayerSpace net(BatchNormSpace bn) {
        return new MultiLayerSpace.Builder().seed(1)
                .addLayer(new DenseLayerSpace.Builder().nOut(6).activation(Activation.IDENTITY).build())
                .addLayer(bn)
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
    }

    @Test
    void jsonRoundTripInAMultiLayerSpace() {
        MultiLayerSpace space = net(bnSpace());
        List<double[]> points = SpaceChecks.points(space, 5, 11);
        MultiLayerSpace back = SpaceChecks.roundTrip(space, points);
        assertEquals(space.getLayerSpace(1), back.getLayerSpace(1));
        assertInstanceOf(BatchNormSpace.class, back.getLayerSpace(1));
    }

    @Test
    void randomPointsGiveLayersInsideTheRangesAndTheNetworkRuns() {
        MultiLayerSpace space = net(bnSpace());
        List<double[]> points = SpaceChecks.points(space, 12, 5);
        List<BatchNorm> layers = points.stream().map(p -> SpaceChecks.layer(space, p, 1, BatchNorm.class)).toList();
        SpaceChecks.inRangeAndVaries("momentum", layers.stream().map(BatchNorm::getMomentum).toList(), 0.5, 0.7);
        SpaceChecks.inRangeAndVaries("eps", layers.stream().map(BatchNorm::getEps).toList(), 1e-4, 1e-3);
        SpaceChecks.inRangeAndVaries("lr", layers.stream()
                .map(l -> SpaceChecks.lr(assertInstanceOf(Adam.class, l.getUpdaterByParam(BatchNorm.GAMMA_KEY))))
                .toList(), 1e-3, 1e-2);
        SpaceChecks.inRangeAndVaries("l1", layers.stream().map(l -> SpaceChecks.coefficient(
                l.getRegularizationByParam(BatchNorm.GAMMA_KEY), L1Regularization.class,
                r -> r.getL1().valueAt(0, 0))).toList(), 1e-5, 1e-4);
        SpaceChecks.inRangeAndVaries("l2", layers.stream().map(l -> SpaceChecks.coefficient(
                l.getRegularizationByParam(BatchNorm.GAMMA_KEY), L2Regularization.class,
                r -> r.getL2().valueAt(0, 0))).toList(), 1e-4, 1e-3);
        SpaceChecks.inRangeAndVaries("l2Bias", layers.stream().map(l -> SpaceChecks.coefficient(
                l.getRegularizationByParam(BatchNorm.BETA_KEY), L2Regularization.class,
                r -> r.getL2().valueAt(0, 0))).toList(), 1e-3, 1e-2);
        for (BatchNorm l : layers) {
            assertEquals(6, l.getNIn());
            assertEquals(new Sgd(0.05), l.getUpdaterByParam(BatchNorm.BETA_KEY));
            assertEquals(2e-5, SpaceChecks.coefficient(l.getRegularizationByParam(BatchNorm.BETA_KEY),
                    L1Regularization.class, r -> r.getL1().valueAt(0, 0)), 0.0);
        }
        SpaceChecks.forward(space.getValue(points.get(0)), SpaceChecks.randn(3, 5, 4), 5, 3);
    }
}
