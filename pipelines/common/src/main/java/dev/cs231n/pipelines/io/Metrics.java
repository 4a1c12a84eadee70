package dev.cs231n.pipelines.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * A job's {@code metrics.json}: one flat JSON object whose values are numbers or strings only (e.g.
 * {@code test_accuracy}, {@code train_seconds}), keys in insertion order. Written atomically.
 */
public final class Metrics {

    /** The file name every job writes in its output folder. */
    public static final String FILE_NAME = "metrics.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * @param key   a flat key, lower_snake_case
     * @param value a finite number
     * @return this
     */
    public Metrics put(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + key + " is not finite: " + value);
        }
        values.put(checkKey(key), value);
        return this;
    }

    /**
     * @param key   a flat key
     * @param value a whole number
     * @return this
     */
    public Metrics put(String key, long value) {
        values.put(checkKey(key), value);
        return this;
    }

    /**
     * @param key   a flat key
     * @param value a string
     * @return this
     */
    public Metrics put(String key, String value) {
        values.put(checkKey(key), value);
        return this;
    }

    /** @return the values, in insertion order (read-only view) */
    public Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /**
     * Writes {@code dir/metrics.json} atomically.
     *
     * @param dir the job's output folder
     * @return the file written
     * @throws IOException when it cannot be written
     */
    public Path write(Path dir) throws IOException {
        Path f = dir.resolve(FILE_NAME);
        AtomicFiles.write(f, out -> MAPPER.writeValue(out, values));
        return f;
    }

    /**
     * @param file a metrics.json
     * @return its flat key/value map
     * @throws IOException when it cannot be read or is not a flat JSON object
     */
    public static Map<String, Object> read(Path file) throws IOException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new IOException("Cannot read metrics file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String checkKey(String key) {
        if (!key.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("metric keys are flat lower_snake_case, got '" + key + "'");
        }
        return key;
    }
}
