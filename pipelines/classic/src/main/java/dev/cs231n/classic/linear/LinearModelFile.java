package dev.cs231n.classic.linear;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.PreprocessorJson;
import dev.cs231n.pipelines.io.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The linear classifiers' model file (the {@code svm} and {@code softmax} jobs write it as {@code OUT/model.zip}). It
 * is a plain zip, <em>not</em> a DL4J ModelSerializer file (there is no network), written atomically, holding:
 * <ul>
 *   <li>{@value #META}: {@code {"format": "cs231n.linear-classifier", "formatVersion": 1, "loss": "svm"|"softmax",
 *       "rows": D+1, "classes": C, "dtype": "FLOAT"|"DOUBLE", "biasRow": "last"}};</li>
 *   <li>{@value #WEIGHTS}: W {@code [D+1, C]} in ND4J's binary array format ({@code Nd4j.write}/{@code Nd4j.read}),
 *       the last row being the bias;</li>
 *   <li>{@value #PREPROCESSING}: the preprocessing fitted on the training split, in {@link PreprocessorJson}'s format
 *       (mean image of 3072 values, then the bias trick).</li>
 * </ul>
 * Readers accept format versions up to {@value #FORMAT_VERSION}; a missing entry, a newer version or weights of the
 * wrong shape fail with the file's name and the entry.
 */
public final class LinearModelFile {

    /** Metadata entry. */
    public static final String META = "linear-model.json";
    /** Weights entry. */
    public static final String WEIGHTS = "weights.nd4j";
    /** Preprocessing entry. */
    public static final String PREPROCESSING = "preprocessing.json";
    /** Value of the {@code format} field. */
    public static final String FORMAT = "cs231n.linear-classifier";
    /** The version written, and the newest read. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LinearModelFile() {
    }

    /**
     * Writes the model atomically (a temporary file renamed over {@code file}).
     *
     * @param file  the zip to create or replace
     * @param model the trained model
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, LinearModel model) throws IOException {
        INDArray w = model.weights();
        ObjectNode meta = MAPPER.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("formatVersion", FORMAT_VERSION);
        meta.put("loss", model.classifier().loss().id());
        meta.put("rows", w.size(0));
        meta.put("classes", w.size(1));
        meta.put("dtype", w.dataType().name());
        meta.put("biasRow", "last");
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        try (DataOutputStream dos = new DataOutputStream(weights)) {
            Nd4j.write(w, dos);
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, META, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
            put(zip, WEIGHTS, weights.toByteArray());
            put(zip, PREPROCESSING, PreprocessorJson.toJson(model.preprocessor()).getBytes(StandardCharsets.UTF_8));
            zip.finish();
        });
    }

    /**
     * @param file a file written by {@link #write}
     * @return the model
     * @throws IOException when the file is missing, not such a zip, of a newer version, or inconsistent; the message
     *                     names the file and entry
     */
    public static LinearModel read(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the linear model zip: " + e.getMessage(), e);
        }
        JsonNode meta = parseMeta(file, require(file, entries, META));
        String where = file + "!/" + META;
        int version = meta.path("formatVersion").asInt(-1);
        if (!FORMAT.equals(meta.path("format").asText()) || version < 1) {
            throw new IOException(where + ": not a " + FORMAT + " file (format " + meta.path("format") + ", version "
                    + meta.path("formatVersion") + ")");
        }
        if (version > FORMAT_VERSION) {
            throw new IOException(where + ": format version " + version + " is newer than this reader ("
                    + FORMAT_VERSION + "); use a newer cs231n");
        }
        DataLoss loss;
        try {
            loss = DataLoss.byId(meta.path("loss").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        INDArray w;
        try (DataInputStream dis = new DataInputStream(new ByteArrayInputStream(require(file, entries, WEIGHTS)))) {
            w = Nd4j.read(dis);
        } catch (RuntimeException e) {
            throw new IOException(file + "!/" + WEIGHTS + ": not an ND4J array: " + e.getMessage(), e);
        }
        long rows = meta.path("rows").asLong(-1);
        long classes = meta.path("classes").asLong(-1);
        if (w.rank() != 2 || w.size(0) != rows || w.size(1) != classes) {
            throw new IOException(file + "!/" + WEIGHTS + ": weights of shape " + Arrays.toString(w.shape())
                    + ", but " + META + " says [" + rows + ", " + classes + "]");
        }
        CifarPreprocessor p;
        try {
            p = PreprocessorJson.fromJson(new String(require(file, entries, PREPROCESSING), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + "!/" + PREPROCESSING + ": " + e.getMessage(), e);
        }
        return new LinearModel(new LinearClassifier(loss, w), p);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] require(Path file, Map<String, byte[]> entries, String name) throws IOException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new IOException(file + ": no entry " + name + " (not a " + FORMAT + " model zip? it holds "
                    + entries.keySet() + ")");
        }
        return b;
    }

    private static JsonNode parseMeta(Path file, byte[] json) throws IOException {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new IOException("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IOException(file + "!/" + META + ": malformed JSON: " + e.getMessage(), e);
        }
    }
}
