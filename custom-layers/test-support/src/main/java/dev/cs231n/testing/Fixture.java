package dev.cs231n.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A golden-value fixture: PyTorch float64 inputs, outputs and gradients, in the format of
 * {@code shared/reference/README.md} ({@code inputs}, {@code outputs}, {@code grads}: arrays as
 * {@code {"shape", "dtype", "data"}} flat row-major; {@code params}: scalars or strings).
 *
 * <p>Fixtures are test resources under {@code /fixtures/NAME.json} (copied from {@code shared/fixtures}; this
 * module's test-jar carries them to the other modules' tests). Arrays come back as DOUBLE (float64 data) or
 * LONG (int64 data) INDArrays of the stored shape, in 'c' order.
 */
public final class Fixture {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final JsonNode root;

    private Fixture(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /**
     * Loads {@code /fixtures/NAME.json} from the classpath.
     *
     * @param name the fixture's name, e.g. {@code "batchnorm"}
     * @return the fixture
     * @throws IllegalArgumentException when no such fixture is on the classpath or it is malformed
     */
    public static Fixture load(String name) {
        String path = "/fixtures/" + name + ".json";
        try (InputStream in = Fixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path + " on the test classpath; available "
                        + "fixtures are copied from shared/fixtures into custom-layers/test-support/src/main/resources/fixtures");
            }
            JsonNode root = MAPPER.readTree(in);
            for (String section : new String[] {"inputs", "outputs", "grads"}) {
                if (!root.path(section).isObject()) {
                    throw new IllegalArgumentException("Fixture " + path + " has no '" + section + "' object");
                }
            }
            return new Fixture(name, root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + path + ": " + e.getMessage(), e);
        }
    }

    /** @return the fixture's name */
    public String name() {
        return name;
    }

    /**
     * @param key an input's name
     * @return {@code inputs[key]}
     */
    public INDArray input(String key) {
        return array("inputs", key);
    }

    /**
     * @param key an output's name
     * @return {@code outputs[key]}
     */
    public INDArray output(String key) {
        return array("outputs", key);
    }

    /**
     * @param key an input's name
     * @return {@code grads[key]}: the gradient of the fixture's scalar with respect to {@code inputs[key]}
     */
    public INDArray grad(String key) {
        return array("grads", key);
    }

    /**
     * @param key a scalar parameter's name (eps, momentum, ...)
     * @return {@code params[key]} as a double
     */
    public double param(String key) {
        JsonNode n = root.path("params").path(key);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("Fixture " + name + ": params." + key + " is not a number: " + n);
        }
        return n.asDouble();
    }

    /**
     * @param key a string parameter's name (e.g. mode)
     * @return {@code params[key]}
     */
    public String paramString(String key) {
        JsonNode n = root.path("params").path(key);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("Fixture " + name + ": params." + key + " is not a string: " + n);
        }
        return n.asText();
    }

    /**
     * Whether the generator marked a gradient as zero in exact arithmetic ({@code gradcheck.per_input[key]
     * .structurally_zero}, the machine-readable form of what the fixture's {@code conventions} say in words): such a
     * gradient is rounding noise and must be compared with an absolute tolerance.
     *
     * @param key an input's name
     * @return true when {@code grads[key]} is zero in exact arithmetic
     */
    public boolean structurallyZero(String key) {
        return root.path("gradcheck").path("per_input").path(key).path("structurally_zero").asBoolean(false);
    }

    /**
     * @param section inputs, outputs or grads
     * @return the keys present in that section, in file order
     */
    public List<String> keys(String section) {
        List<String> keys = new ArrayList<>();
        Iterator<String> it = root.path(section).fieldNames();
        it.forEachRemaining(keys::add);
        return keys;
    }

    private INDArray array(String section, String key) {
        JsonNode n = root.path(section).path(key);
        String where = "Fixture " + name + ": " + section + "." + key;
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " is missing; present: " + keys(section));
        }
        JsonNode shapeNode = n.path("shape");
        JsonNode data = n.path("data");
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= shape[i];
        }
        if (!data.isArray() || data.size() != count) {
            throw new IllegalArgumentException(where + ": shape " + shapeNode + " needs " + count
                    + " values, data has " + data.size());
        }
        String dtype = n.path("dtype").asText("float64");
        if ("int64".equals(dtype)) {
            long[] v = new long[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = data.get(i).asLong();
            }
            return Nd4j.createFromArray(v).reshape('c', shape);
        }
        if (!"float64".equals(dtype)) {
            throw new IllegalArgumentException(where + ": unsupported dtype " + dtype);
        }
        double[] v = new double[(int) count];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.get(i).asDouble();
        }
        return Nd4j.createFromArray(v).castTo(DataType.DOUBLE).reshape('c', shape);
    }
}
