package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * What every layer-space test checks: Arbiter's own random search draws the points (so the leaves' indices are
 * assigned as in a real search), the JSON round trip, and a generated network's forward pass.
 */
final class SpaceChecks {

    private SpaceChecks() {
    }

    /**
     * @param space a network space
     * @param n     number of candidates
     * @param seed  the generator's seed
     * @return the flat points of {@code n} candidates of Arbiter's {@link RandomSearchGenerator}, after checking each
     *         candidate was generated without an exception
     */
    static List<double[]> points(ParameterSpace<?> space, int n, long seed) {
        RandomSearchGenerator gen = new RandomSearchGenerator(space, null);
        gen.setRngSeed(seed);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate<?> c = gen.getCandidate();
            assertNull(c.getException(), () -> "candidate failed: " + c.getException());
            assertEquals(space.numParameters(), c.getFlatParameters().length);
            out.add(c.getFlatParameters());
        }
        return out;
    }

    /**
     * JSON round trip of a network space: an equal space (also after a second trip), and for every point the same network
     * configuration (compared as DL4J JSON) and equal custom layers.
     *
     * @param space  the space, whose leaves have indices (call {@link #points} first)
     * @param points candidate points
     * @return the deserialised space
     */
    static MultiLayerSpace roundTrip(MultiLayerSpace space, List<double[]> points) {
        String json = space.toJson();
        MultiLayerSpace back = MultiLayerSpace.fromJson(json);
        assertNotSame(space, back);
        assertEquals(space, back, json);
        assertEquals(space.hashCode(), back.hashCode());
        // not assertEquals(json, back.toJson()): Arbiter stores fixed non-primitive values (updaters, lists) as Java
        // serialisation bytes, which a deserialised HashSet (its capacity) need not reproduce byte for byte
        assertEquals(space, MultiLayerSpace.fromJson(back.toJson()));
        assertEquals(space.numParameters(), back.numParameters());
        for (double[] p : points) {
            MultiLayerConfiguration a = space.getValue(p).getMultiLayerConfiguration();
            MultiLayerConfiguration b = back.getValue(p).getMultiLayerConfiguration();
            assertEquals(a.toJson(), b.toJson());
            assertEquals(layers(a), layers(b));
        }
        return back;
    }

    /**
     * The same for a graph space.
     *
     * @param space  the space, whose leaves have indices
     * @param points candidate points
     * @return the deserialised space
     */
    static ComputationGraphSpace roundTrip(ComputationGraphSpace space, List<double[]> points) {
        String json = space.toJson();
        ComputationGraphSpace back = ComputationGraphSpace.fromJson(json);
        assertNotSame(space, back);
        // not assertEquals(space, back): the graph space's input types are a FixedValue of an InputType[], which
        // Arbiter compares with Object.equals (identity of the array), so no deserialised graph space equals its
        // original; its layers (with their spaces) and vertices are compared instead
        assertEquals(space.getLayerSpaces(), back.getLayerSpaces(), json);
        assertEquals(space.getLayerSpaces(), ComputationGraphSpace.fromJson(back.toJson()).getLayerSpaces());
        assertEquals(space.numParameters(), back.numParameters());
        for (double[] p : points) {
            GraphConfiguration a = space.getValue(p);
            GraphConfiguration b = back.getValue(p);
            assertEquals(a.getConfiguration().toJson(), b.getConfiguration().toJson());
        }
        return back;
    }

    /**
     * @param conf a network configuration
     * @return its layers, in order
     */
    static List<Layer> layers(MultiLayerConfiguration conf) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            out.add(conf.getConf(i).getLayer());
        }
        return out;
    }

    /**
     * @param space a network space
     * @param point a candidate point
     * @param index a layer index
     * @param type  the layer's class
     * @param <L>   the layer's class
     * @return that layer of the candidate's network configuration
     */
    static <L extends Layer> L layer(MultiLayerSpace space, double[] point, int index, Class<L> type) {
        return type.cast(space.getValue(point).getMultiLayerConfiguration().getConf(index).getLayer());
    }

    /**
     * Initialises the candidate's network and runs it on {@code x}.
     *
     * @param conf     the candidate
     * @param x        a tiny input
     * @param outShape the expected output shape
     */
    static void forward(DL4JConfiguration conf, INDArray x, long... outShape) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.getMultiLayerConfiguration());
        net.init();
        INDArray inference = net.output(x, false);
        INDArray training = net.output(x, true);
        assertArrayEquals(outShape, inference.shape());
        assertArrayEquals(outShape, training.shape());
        for (double v : inference.dup().data().asDouble()) {
            assertTrue(Double.isFinite(v), "non-finite output " + inference);
        }
    }

    /**
     * @param seed a seed
     * @param shape the shape
     * @return a FLOAT array of standard normal values
     */
    static INDArray randn(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    /**
     * Asserts that every drawn value lies in {@code [lo, hi]} and that the values are not all the same (the option
     * follows the candidate's point).
     *
     * @param name   the option, for messages
     * @param values the drawn values
     * @param lo     lower bound
     * @param hi     upper bound
     */
    static void inRangeAndVaries(String name, List<Double> values, double lo, double hi) {
        for (double v : values) {
            assertTrue(v >= lo && v <= hi, name + " = " + v + " outside [" + lo + ", " + hi + "]");
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(max > min, name + " does not vary over the candidates: " + values);
    }

    /**
     * @param regs a parameter's regularisations
     * @param type the regularisation class
     * @param coefficient how to read its coefficient
     * @param <R> the class
     * @return the coefficient of the one regularisation of that class
     */
    static <R extends Regularization> double coefficient(List<Regularization> regs, Class<R> type,
            ToDoubleFunction<R> coefficient) {
        List<R> found = regs.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), () -> "one " + type.getSimpleName() + " expected in " + regs);
        return coefficient.applyAsDouble(found.get(0));
    }

    /**
     * @param updater an updater
     * @return its learning rate at iteration 0
     */
    static double lr(IUpdater updater) {
        return updater.getLearningRate(0, 0);
    }
}
