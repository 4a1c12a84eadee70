package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.cs231n.layers.norm.BatchNorm;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

/** What every space shares: leaves, parameter count, equality, the refused generic dropout, fixed values. */
class CustomLayerSpaceTest {

    @Test
    @SuppressWarnings("rawtypes") // Arbiter's collectLeaves() returns raw ParameterSpaces
    void leavesParameterCountAndIndices() {
        ContinuousParameterSpace momentum = new ContinuousParameterSpace(0.5, 0.7);
        BatchNormSpace s = new BatchNormSpace.Builder().momentum(momentum).eps(1e-4).updater(new Sgd(0.1)).build();
        assertEquals(1, s.numParameters());
        List<ParameterSpace> leaves = s.collectLeaves();
        assertEquals(3, leaves.size(), leaves.toString()); // momentum, and eps and updater as fixed values
        assertTrue(leaves.stream().anyMatch(l -> l == momentum));
        assertFalse(s.isLeaf());
        assertThrows(UnsupportedOperationException.class, () -> s.setIndices(0));
        momentum.setIndices(0);
        BatchNorm bn = s.getValue(new double[] {0.5});
        assertEquals(0.6, bn.getMomentum(), 1e-12);
        assertEquals(1e-4, bn.getEps(), 0.0);
        assertEquals(new Sgd(0.1), bn.getUpdaterByParam(BatchNorm.GAMMA_KEY));
        String text = s.toString();
        assertTrue(text.startsWith("BatchNormSpace(") && text.contains("momentum") && text.contains("eps"), text);
    }

    @Test
    void unsetOptionsKeepTheLayersDefaults() {
        BatchNorm bn = new BatchNormSpace.Builder().build().getValue(new double[0]);
        assertEquals(BatchNorm.builder().build(), bn);
    }

    @Test
    void equalityFollowsEveryOption() {
        assertEquals(new BatchNormSpace.Builder().eps(1e-4).build(), new BatchNormSpace.Builder().eps(1e-4).build());
        assertNotEquals(new BatchNormSpace.Builder().eps(1e-4).build(), new BatchNormSpace.Builder().eps(1e-3).build());
        assertNotEquals(new BatchNormSpace.Builder().eps(1e-4).build(),
                new BatchNormSpace.Builder().eps(1e-4).momentum(0.8).build());
        assertNotEquals(new BatchNormSpace.Builder().l2(1e-4).build(), new BatchNormSpace.Builder().l2Bias(1e-4).build());
        assertNotEquals(new LayerNormSpace.Builder().build(), new BatchNormSpace.Builder().build());
    }

    @Test
    void arbitersGenericDropoutIsRefusedWithAnAlternative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormSpace.Builder().dropOut(0.5).build());
        assertTrue(e.getMessage().contains("InvertedDropoutSpace"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InvertedDropoutSpace.Builder().dropOut(0.5).build());
        assertTrue(e.getMessage().contains("keepProbability"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadSelfAttentionSpace.Builder().dropOut(0.5).build());
        assertTrue(e.getMessage().contains("dropout(p)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PositionalEncodingSpace.Builder().dropOut(0.5).build());
    }

    @Test
    void invalidValuesFailWithTheLayersMessage() {
        BatchNormSpace s = new BatchNormSpace.Builder().momentum(1.5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.getValue(new double[0]));
        assertTrue(e.getMessage().contains("momentum"), e.getMessage());
    }
}
