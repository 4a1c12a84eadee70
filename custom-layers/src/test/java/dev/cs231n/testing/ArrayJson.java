package dev.cs231n.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A list of arrays as small, readable JSON, for stored inputs and golden outputs (format {@value #FORMAT}, version
 * {@value #FORMAT_VERSION}):
 *
 * <pre>{@code
 * {"format": "cs231n.arrays", "formatVersion": 1,
 *  "arrays": [{"dtype": "DOUBLE", "shape": [2, 3], "values": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}, ...]}
 * }</pre>
 *
 * {@code values} nests one JSON array per dimension (C order). Numbers are written as Java's shortest
 * round-tripping decimal form of the double, so a stored DOUBLE array reads back bit-identical (and a FLOAT array,
 * widened exactly to double on writing, too).
 */
public final class ArrayJson {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "cs231n.arrays";
    /** The version written, and the only one read. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ArrayJson() {
    }

    /**
     * @param arrays the arrays
     * @return their JSON
     */
    public static String toJson(List<INDArray> arrays) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode list = root.putArray("arrays");
        for (INDArray a : arrays) {
            ObjectNode n = list.addObject();
            n.put("dtype", a.dataType().name());
            ArrayNode shape = n.putArray("shape");
            for (long s : a.shape()) {
                shape.add(s);
            }
            double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            n.set("values", nest(flat, a.shape(), 0, 0));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file   the file to write
     * @param arrays the arrays
     * @throws IOException on write errors
     */
    public static void write(Path file, List<INDArray> arrays) throws IOException {
        Files.writeString(file, toJson(arrays));
    }

    /**
     * @param in JSON written by {@link #toJson}; closed afterwards
     * @return the arrays, each in its stored data type, C order
     * @throws IOException when it is not such JSON (the message says what is wrong)
     */
    public static List<INDArray> read(InputStream in) throws IOException {
        JsonNode root;
        try (InputStream s = in) {
            root = MAPPER.readTree(s);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())
                || root.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new IOException("not " + FORMAT + " version " + FORMAT_VERSION + " JSON");
        }
        List<INDArray> out = new ArrayList<>();
        for (JsonNode n : root.path("arrays")) {
            DataType type = DataType.valueOf(n.path("dtype").asText());
            long[] shape = new long[n.path("shape").size()];
            long length = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = n.path("shape").get(i).asLong();
                length *= shape[i];
            }
            double[] flat = new double[Math.toIntExact(length)];
            int filled = flatten(n.path("values"), shape, 0, flat, 0);
            if (filled != flat.length) {
                throw new IOException("array " + out.size() + ": " + filled + " values for shape "
                        + Arrays.toString(shape));
            }
            out.add(Nd4j.create(flat, shape, 'c').castTo(type));
        }
        return out;
    }

    /**
     * @param file a file written by {@link #write}
     * @return its arrays
     * @throws IOException when it cannot be read or is malformed
     */
    public static List<INDArray> read(Path file) throws IOException {
        try {
            return read(Files.newInputStream(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode nest(double[] flat, long[] shape, int dim, int offset) {
        ArrayNode a = MAPPER.createArrayNode();
        if (shape.length == 0) {
            a.add(flat[0]);
            return a;
        }
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        for (int i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) {
                a.add(flat[offset + i]);
            } else {
                a.add(nest(flat, shape, dim + 1, offset + i * stride));
            }
        }
        return a;
    }

    private static int flatten(JsonNode values, long[] shape, int dim, double[] into, int pos) throws IOException {
        if (!values.isArray() || (shape.length > 0 && values.size() != shape[dim])) {
            throw new IOException("values at depth " + dim + " do not match shape " + Arrays.toString(shape));
        }
        for (JsonNode v : values) {
            if (shape.length == 0 || dim == shape.length - 1) {
                if (!v.isNumber()) {
                    throw new IOException("non-number " + v + " in values");
                }
                into[pos++] = v.doubleValue();
            } else {
                pos = flatten(v, shape, dim + 1, into, pos);
            }
        }
        return pos;
    }
}
