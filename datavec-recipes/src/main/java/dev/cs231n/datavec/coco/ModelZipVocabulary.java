package dev.cs231n.datavec.coco;

import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Stores a {@link Vocabulary} inside a DL4J {@code model.zip} written by {@link ModelSerializer}, so a captioning
 * model and its token ids travel together: the entry is the vocabulary's JSON ({@link Vocabulary#toJson()}),
 * added with {@link ModelSerializer#addObjectToFile(File, String, Object)} under {@link #KEY}.
 */
public final class ModelZipVocabulary {

    /** The object key inside model.zip. */
    public static final String KEY = "cs231n-caption-vocabulary";

    private ModelZipVocabulary() {
    }

    /**
     * Adds (or replaces) the vocabulary in an existing model.zip.
     *
     * @param modelZip   a file written by {@code ModelSerializer.writeModel}
     * @param vocabulary the vocabulary
     * @throws IOException if the file does not exist or cannot be rewritten
     */
    public static void save(File modelZip, Vocabulary vocabulary) throws IOException {
        if (!modelZip.isFile()) {
            throw new NoSuchFileException(modelZip.toString(), null, "model.zip not found");
        }
        try {
            ModelSerializer.addObjectToFile(modelZip, KEY, vocabulary.toJson());
        } catch (RuntimeException e) {
            throw new IOException(modelZip + ": cannot add the vocabulary: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the vocabulary saved in a model.zip.
     *
     * @param modelZip the model file
     * @return the vocabulary, or empty if the file holds none
     * @throws IOException if the file cannot be read or holds a malformed vocabulary
     */
    public static Optional<Vocabulary> load(File modelZip) throws IOException {
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
            throw new IOException(modelZip + ": cannot read the vocabulary: " + e.getMessage(), e);
        }
        if (!(value instanceof String json)) {
            throw new CocoFormatException(modelZip.toPath(), KEY, "entry is not vocabulary JSON");
        }
        return Optional.of(Vocabulary.fromJson(json, modelZip.toPath().resolve(KEY)));
    }
}
