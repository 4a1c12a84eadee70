package dev.cs231n.datavec.cifar.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Saves and restores a fitted {@link CifarPreprocessor} as JSON. Format (version {@value #FORMAT_VERSION}):
 *
 * <pre>{@code
 * {
 *   "format" : "cs231n.cifar10.preprocessing",
 *   "formatVersion" : 1,
 *   "steps" : [
 *     { "type" : "meanImage", "mean" : [ 3072 numbers ] },
 *     { "type" : "channelStandardization", "mean" : [ 3 numbers ], "std" : [ 3 numbers ] },
 *     { "type" : "biasTrick" }
 *   ]
 * }
 * }</pre>
 *
 * <p>Numbers are written with full double precision, so a restored preprocessor gives bit-identical
 * outputs. A single step reads back as that step, several as a {@link PreprocessorChain}. Readers accept
 * every version up to {@value #FORMAT_VERSION} and refuse newer ones with a message saying so. Malformed
 * input fails with an {@link IOException} that names the offending field.
 */
public final class PreprocessorJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "cs231n.cifar10.preprocessing";
    /** The version this class writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Step type of {@link MeanImageSubtraction}. */
    public static final String TYPE_MEAN_IMAGE = "meanImage";
    /** Step type of {@link ChannelStandardization}. */
    public static final String TYPE_CHANNEL_STANDARDIZATION = "channelStandardization";
    /** Step type of {@link BiasTrick}. */
    public static final String TYPE_BIAS_TRICK = "biasTrick";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PreprocessorJson() {
    }

    /**
     * @param preprocessor a fitted preprocessor
     * @return its JSON
     */
    public static String toJson(CifarPreprocessor preprocessor) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode steps = root.putArray("steps");
        List<CifarPreprocessor> list = preprocessor instanceof PreprocessorChain chain
                ? flatten(chain) : List.of(preprocessor);
        for (CifarPreprocessor step : list) {
            steps.add(stepToJson(step));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + preprocessor, e);
        }
    }

    /**
     * Writes the JSON (UTF-8) to a stream, which is left open.
     *
     * @param preprocessor a fitted preprocessor
     * @param out          the stream
     * @throws IOException on write errors
     */
    public static void write(CifarPreprocessor preprocessor, OutputStream out) throws IOException {
        out.write(toJson(preprocessor).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * @param json JSON written by {@link #toJson(CifarPreprocessor)} (any version up to the current)
     * @return the preprocessor
     * @throws IOException if the JSON is malformed, of another format, or of a newer version
     */
    public static CifarPreprocessor fromJson(String json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException("preprocessor JSON is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(root);
    }

    /**
     * Reads the JSON (UTF-8) from a stream, which is left open.
     *
     * @param in the stream
     * @return the preprocessor
     * @throws IOException as {@link #fromJson(String)}
     */
    public static CifarPreprocessor read(InputStream in) throws IOException {
        return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    private static CifarPreprocessor fromTree(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException("preprocessor JSON must be an object");
        }
        String format = root.path("format").asText(null);
        if (!FORMAT.equals(format)) {
            throw new IOException("preprocessor JSON has format '" + format + "', expected '" + FORMAT + "'");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new IOException("preprocessor JSON lacks an integer 'formatVersion'");
        }
        if (version.asInt() < 1 || version.asInt() > FORMAT_VERSION) {
            throw new IOException("preprocessor JSON has formatVersion " + version.asInt()
                    + "; this version of datavec-recipes reads versions 1.." + FORMAT_VERSION
                    + " (was it written by a newer release?)");
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new IOException("preprocessor JSON needs a non-empty 'steps' array");
        }
        List<CifarPreprocessor> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(stepFromJson(steps.get(i), i));
        }
        try {
            return out.size() == 1 ? out.get(0) : new PreprocessorChain(out);
        } catch (IllegalArgumentException e) {
            throw new IOException("preprocessor JSON: " + e.getMessage(), e);
        }
    }

    private static List<CifarPreprocessor> flatten(PreprocessorChain chain) {
        List<CifarPreprocessor> out = new ArrayList<>();
        for (CifarPreprocessor step : chain.steps()) {
            if (step instanceof PreprocessorChain inner) {
                out.addAll(flatten(inner));
            } else {
                out.add(step);
            }
        }
        return out;
    }

    private static ObjectNode stepToJson(CifarPreprocessor step) {
        ObjectNode node = MAPPER.createObjectNode();
        if (step instanceof MeanImageSubtraction m) {
            node.put("type", TYPE_MEAN_IMAGE);
            putArray(node, "mean", m.meanImage());
        } else if (step instanceof ChannelStandardization s) {
            node.put("type", TYPE_CHANNEL_STANDARDIZATION);
            putArray(node, "mean", s.mean());
            putArray(node, "std", s.std());
        } else if (step instanceof BiasTrick) {
            node.put("type", TYPE_BIAS_TRICK);
        } else {
            throw new IllegalArgumentException("cannot serialise step " + step);
        }
        return node;
    }

    private static CifarPreprocessor stepFromJson(JsonNode node, int index) throws IOException {
        String type = node.path("type").asText(null);
        try {
            if (TYPE_MEAN_IMAGE.equals(type)) {
                return new MeanImageSubtraction(doubles(node, "mean", index));
            }
            if (TYPE_CHANNEL_STANDARDIZATION.equals(type)) {
                return new ChannelStandardization(doubles(node, "mean", index), doubles(node, "std", index));
            }
            if (TYPE_BIAS_TRICK.equals(type)) {
                return BiasTrick.INSTANCE;
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("preprocessor JSON step " + index + " (" + type + "): " + e.getMessage(), e);
        }
        throw new IOException("preprocessor JSON step " + index + " has unknown type '" + type + "'; known: "
                + List.of(TYPE_MEAN_IMAGE, TYPE_CHANNEL_STANDARDIZATION, TYPE_BIAS_TRICK));
    }

    private static void putArray(ObjectNode node, String field, double[] values) {
        ArrayNode array = node.putArray(field);
        for (double v : values) {
            array.add(v);
        }
    }

    private static double[] doubles(JsonNode step, String field, int index) throws IOException {
        JsonNode array = step.get(field);
        if (array == null || !array.isArray()) {
            throw new IOException("preprocessor JSON step " + index + " lacks the number array '" + field + "'");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber()) {
                throw new IOException("preprocessor JSON step " + index + ": " + field + "[" + i + "] is not a number");
            }
            out[i] = v.doubleValue();
        }
        return out;
    }
}
