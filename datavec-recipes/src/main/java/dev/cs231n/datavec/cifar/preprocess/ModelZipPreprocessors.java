package dev.cs231n.datavec.cifar.preprocess;

import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Stores a fitted {@link CifarPreprocessor} inside a DL4J {@code model.zip} written by
 * {@link ModelSerializer}, so the model and the preprocessing it was trained with travel together.
 * The entry is the preprocessor's {@link PreprocessorJson} text, added with
 * {@link ModelSerializer#addObjectToFile(File, String, Object)} under {@link #KEY}.
 */
public final class ModelZipPreprocessors {

    /** The object key inside model.zip. */
    public static final String KEY = "cs231n-cifar10-preprocessing";

    private ModelZipPreprocessors() {
    }

    /**
     * Adds (or replaces) the preprocessor in an existing model.zip.
     *
     * @param modelZip     a file written by {@code ModelSerializer.writeModel}
     * @param preprocessor the fitted preprocessor
     * @throws IOException if the file does not exist or cannot be rewritten
     */
    public static void save(File modelZip, CifarPreprocessor preprocessor) throws IOException {
        if (!modelZip.isFile()) {
            throw new NoSuchFileException(modelZip.toString(), null, "model.zip not found");
        }
        String json = PreprocessorJson.toJson(preprocessor);
        try {
            ModelSerializer.addObjectToFile(modelZip, KEY, json);
        } catch (RuntimeException e) {
            throw new IOException(modelZip + ": cannot add the preprocessor: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the preprocessor saved in a model.zip.
     *
     * @param modelZip the model file
     * @return the preprocessor, or empty if the file holds none
     * @throws IOException if the file cannot be read or holds a malformed preprocessor
     */
    public static Optional<CifarPreprocessor> load(File modelZip) throws IOException {
        if (!modelZip.isFile()) {
            throw new NoSuchFileException(modelZip.toString(), null, "model.zip not found");
        }
        Object value;
        try {
            if (!ModelSerializer.listObjectsInFile(modelZip).contains(KEY)) {
                return Optional.empty();
            }
            value = ModelSerializer.getObjectFromFile(modelZip, KEY);
        } catch (RuntimeException e) {
            throw new IOException(modelZip + ": cannot read the preprocessor: " + e.getMessage(), e);
        }
        if (!(value instanceof String)) {
            throw new IOException(modelZip + ": entry " + KEY + " is not preprocessor JSON");
        }
        try {
            return Optional.of(PreprocessorJson.fromJson((String) value));
        } catch (IOException e) {
            throw new IOException(modelZip + ": " + e.getMessage(), e);
        }
    }
}
