package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.norm.BatchNorm;
import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What Arbiter 1.0.0-beta7's own JSON does not carry on DL4J 1.0.0-M2.1, pinned so that SPACES.md stays true: a
 * fixed layer ({@code FixedLayerSpace}, what {@code MultiLayerSpace.Builder.layer(Layer)} makes) does not
 * deserialise, which is why the custom layers need spaces of their own even for fixed configurations; and a
 * graph space with input types never equals its deserialised copy.
 */
class ArbiterJsonLimitsTest {

    @Test
    void aFixedLayerDoesNotSurviveArbitersJson() {
        MultiLayerSpace fixed = new MultiLayerSpace.Builder()
                .layer(BatchNorm.builder().momentum(0.8).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
        String json = fixed.toJson();
        RuntimeException e = assertThrows(RuntimeException.class, () -> MultiLayerSpace.fromJson(json));
        assertTrue(String.valueOf(e.getMessage()).contains("FixedLayerSpace[\"layer\"]"), e.getMessage());

        MultiLayerSpace spaced = new MultiLayerSpace.Builder()
                .addLayer(new BatchNormSpace.Builder().momentum(0.8).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
        assertEquals(spaced, MultiLayerSpace.fromJson(spaced.toJson()));
    }

    @Test
    void aGraphSpaceWithInputTypesNeverEqualsItsCopy() {
        ComputationGraphSpace g = new ComputationGraphSpace.Builder()
                .addInputs("in")
                .addLayer("bn", new BatchNormSpace.Builder().build(), "in")
                .addLayer("out", new OutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build(), "bn")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(4))
                .build();
        ComputationGraphSpace back = ComputationGraphSpace.fromJson(g.toJson());
        assertNotEquals(g, back); // FixedValue<InputType[]>.equals compares the arrays by identity
        assertEquals(g.getLayerSpaces(), back.getLayerSpaces());
    }
}
