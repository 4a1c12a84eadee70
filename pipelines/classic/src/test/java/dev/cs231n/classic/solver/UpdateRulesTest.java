package dev.cs231n.classic.solver;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cs231n.classic.Arrays64;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The update rules on the course notebook's inputs ({@code w = linspace(-0.4, 0.6)}, {@code dw = linspace(-0.6,
 * 0.4)}, state from linspace, N, D = 4, 5): the first and last elements against the notebook's expected values
 * (worked by hand in the comments), every element over two steps against a plain-double reference of the course's
 * formulas.
 */
class UpdateRulesTest {

    private static final int N = 20;

    private static double[] w0() {
        return Arrays64.linspaceValues(-0.4, 0.6, N);
    }

    private static double[] dw() {
        return Arrays64.linspaceValues(-0.6, 0.4, N);
    }

    private static INDArray nd(double[] v) {
        return Nd4j.create(v, new long[] {4, 5}, 'c').castTo(DataType.DOUBLE);
    }

    @Test
    void sgdMovesAgainstTheGradient() {
        INDArray w = nd(w0());
        new SgdRule().update(w, nd(dw()), 1e-2, new SgdRule().newState(w));
        double[] expected = new double[N];
        for (int i = 0; i < N; i++) {
            expected[i] = w0()[i] - 1e-2 * dw()[i];
        }
        assertClose("sgd w", nd(expected), w, 1e-15);
        assertEquals(1e-2, new SgdRule().defaultLearningRate());
    }

    @Test
    void sgdMomentumMatchesTheNotebookAndTheFormulaOverTwoSteps() {
        SgdMomentumRule rule = new SgdMomentumRule();
        INDArray w = nd(w0());
        double[] v = Arrays64.linspaceValues(0.6, 0.9, N);
        UpdateState state = new UpdateState(java.util.Map.of(SgdMomentumRule.VELOCITY, nd(v)), 0);
        rule.update(w, nd(dw()), 1e-3, state);
        // v = 0.9 * 0.6 - 1e-3 * (-0.6) = 0.5406; w = -0.4 + 0.5406 = 0.1406 (notebook: 0.1406 ... 1.4096)
        assertEquals(0.5406, state.slot(SgdMomentumRule.VELOCITY).getDouble(0), 1e-12);
        assertEquals(0.1406, w.getDouble(0), 1e-12);
        assertEquals(1.4096, w.getDouble(N - 1), 1e-12);
        rule.update(w, nd(dw()), 1e-3, state);
        double[] rw = w0();
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < N; i++) {
                v[i] = 0.9 * v[i] - 1e-3 * dw()[i];
                rw[i] += v[i];
            }
        }
        assertClose("momentum w", nd(rw), w, 1e-14);
        assertClose("momentum v", nd(v), state.slot(SgdMomentumRule.VELOCITY), 1e-14);
    }

    @Test
    void rmsPropMatchesTheNotebookAndTheFormulaOverTwoSteps() {
        RmsPropRule rule = new RmsPropRule();
        INDArray w = nd(w0());
        double[] cache = Arrays64.linspaceValues(0.6, 0.9, N);
        UpdateState state = new UpdateState(java.util.Map.of(RmsPropRule.CACHE, nd(cache)), 0);
        rule.update(w, nd(dw()), 1e-2, state);
        // cache = 0.99 * 0.6 + 0.01 * 0.36 = 0.5976; w = -0.4 + 1e-2 * 0.6 / sqrt(0.5976) = -0.39223849 (notebook)
        assertEquals(0.5976, state.slot(RmsPropRule.CACHE).getDouble(0), 1e-12);
        assertEquals(-0.39223849, w.getDouble(0), 1e-8);
        rule.update(w, nd(dw()), 1e-2, state);
        double[] rw = w0();
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < N; i++) {
                cache[i] = 0.99 * cache[i] + 0.01 * dw()[i] * dw()[i];
                rw[i] -= 1e-2 * dw()[i] / (Math.sqrt(cache[i]) + 1e-8);
            }
        }
        assertClose("rmsprop w", nd(rw), w, 1e-14);
        assertClose("rmsprop cache", nd(cache), state.slot(RmsPropRule.CACHE), 1e-14);
    }

    @Test
    void adamMatchesTheNotebookAndTheFormulaOverTwoSteps() {
        AdamRule rule = new AdamRule();
        INDArray w = nd(w0());
        double[] m = Arrays64.linspaceValues(0.6, 0.9, N);
        double[] v = Arrays64.linspaceValues(0.7, 0.5, N);
        UpdateState state = new UpdateState(java.util.Map.of(AdamRule.M, nd(m), AdamRule.V, nd(v)), 5);
        rule.update(w, nd(dw()), 1e-2, state);
        // t = 6; m = 0.9 * 0.6 + 0.1 * -0.6 = 0.48; v = 0.999 * 0.7 + 0.001 * 0.36 = 0.69966;
        // w = -0.4 - 1e-2 * (0.48 / (1 - 0.9^6)) / (sqrt(0.69966 / (1 - 0.999^6)) + 1e-8) = -0.40094747 (notebook)
        assertEquals(6, state.step());
        assertEquals(0.48, state.slot(AdamRule.M).getDouble(0), 1e-12);
        assertEquals(0.69966, state.slot(AdamRule.V).getDouble(0), 1e-12);
        assertEquals(-0.40094747, w.getDouble(0), 1e-8);
        rule.update(w, nd(dw()), 1e-2, state);
        double[] rw = w0();
        for (int t = 6; t <= 7; t++) {
            for (int i = 0; i < N; i++) {
                m[i] = 0.9 * m[i] + 0.1 * dw()[i];
                v[i] = 0.999 * v[i] + 0.001 * dw()[i] * dw()[i];
                double mt = m[i] / (1 - Math.pow(0.9, t));
                double vt = v[i] / (1 - Math.pow(0.999, t));
                rw[i] -= 1e-2 * mt / (Math.sqrt(vt) + 1e-8);
            }
        }
        assertEquals(7, state.step());
        assertClose("adam w", nd(rw), w, 1e-13);
        assertClose("adam m", nd(m), state.slot(AdamRule.M), 1e-14);
        assertClose("adam v", nd(v), state.slot(AdamRule.V), 1e-14);
    }

    @Test
    void rulesStartFromZeroStateInTheParametersTypeAndNameTheirDefaults() {
        INDArray w = Nd4j.ones(DataType.FLOAT, 3, 2);
        for (UpdateRuleKind r : UpdateRuleKind.values()) {
            CourseUpdateRule rule = r.create();
            assertEquals(r.name().toLowerCase(java.util.Locale.ROOT), rule.name());
            UpdateState s = rule.newState(w);
            for (INDArray slot : s.slots().values()) {
                assertEquals(DataType.FLOAT, slot.dataType());
                assertEquals(0.0, slot.amaxNumber().doubleValue());
            }
            rule.update(w, Nd4j.ones(DataType.FLOAT, 3, 2), 0.1, s);
            assertEquals(1, s.step());
        }
        assertEquals(1e-3, new AdamRule().defaultLearningRate());
        assertEquals(0.9, new SgdMomentumRule().hyperparameters().get("momentum"));
        assertThrows(IllegalArgumentException.class, () -> new SgdMomentumRule(1.0));
        assertThrows(IllegalArgumentException.class, () -> new AdamRule(0.9, 1.2, 1e-8));
    }
}
