package dev.cs231n.datavec.coco;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The course's HDF5 captioning data ({@code coco2014_captions.h5} as its {@code load_coco_data} reads it): per split
 * {@code s} in {@code train}, {@code val}: {@code s_captions} int {@code [N, 17]} token ids, {@code s_image_idxs}
 * int {@code [N]} (the row of {@code s_features} each caption describes), and {@code s_features} float
 * {@code [M, D]} (in the same file, or in a separate feature file such as the course's
 * {@code train2014_vgg16_fc7_pca.h5}, read with {@link FeatureTable#read(Path)}). The vocabulary comes from the
 * file's {@code idx_to_word} string dataset when it has one, else from the course's {@code coco2014_vocab.json}.
 *
 * <p>Reading checks every token id against the vocabulary and every image index against the feature rows, naming
 * the file, the dataset and the row at fault. Read with jhdf (pure Java). {@link #write} writes the same layout
 * (used by the tests, and to make small subsets).
 */
public final class CourseCaptionsH5 {

    /**
     * One split.
     *
     * @param name      {@code train} or {@code val}
     * @param captions  {@code [N][T]} token ids
     * @param imageIdxs {@code [N]} feature rows
     * @param features  the feature rows (row-keyed)
     */
    public record Split(String name, int[][] captions, long[] imageIdxs, FeatureTable features) {

        /** @return the number of captions */
        public int size() {
            return captions.length;
        }
    }

    private CourseCaptionsH5() {
    }

    /**
     * Reads one split whose features are in the captions file ({@code s_features}).
     *
     * @param file       the captions file
     * @param split      {@code train} or {@code val}
     * @param vocabulary the vocabulary token ids are checked against
     * @return the split
     * @throws IOException as {@link #readSplit(Path, String, Vocabulary, FeatureTable)}
     */
    public static Split readSplit(Path file, String split, Vocabulary vocabulary) throws IOException {
        return readSplit(file, split, vocabulary, null);
    }

    /**
     * Reads one split.
     *
     * @param file       the captions file
     * @param split      {@code train} or {@code val}
     * @param vocabulary the vocabulary token ids are checked against
     * @param features   the split's feature rows from a separate file, or null to read {@code s_features} from
     *                   the captions file
     * @return the split
     * @throws NoSuchFileException if the file does not exist
     * @throws CocoFormatException on a missing or mistyped dataset, a token id outside the vocabulary, an image index
     *                             outside the feature rows, or unequal lengths (naming the file, dataset and row)
     */
    public static Split readSplit(Path file, String split, Vocabulary vocabulary, FeatureTable features)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "captions HDF5 file not found");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            String capName = split + "_captions";
            String idxName = split + "_image_idxs";
            int[][] captions = H5.intMatrix(file, h5, capName);
            long[] idxs = H5.longVector(file, h5, idxName);
            if (idxs.length != captions.length) {
                throw new CocoFormatException(file, idxName, "holds " + idxs.length + " rows but " + capName
                        + " holds " + captions.length);
            }
            FeatureTable table = features != null ? features
                    : FeatureTable.byRow(file, H5.floatMatrix(file, h5, split + "_features"));
            for (int i = 0; i < captions.length; i++) {
                for (int t = 0; t < captions[i].length; t++) {
                    int id = captions[i][t];
                    if (id < 0 || id >= vocabulary.size()) {
                        throw new CocoFormatException(file, capName + "[" + i + ", " + t + "]", "token id " + id
                                + " is outside the vocabulary of " + vocabulary.size());
                    }
                }
                if (idxs[i] < 0 || idxs[i] >= table.rows()) {
                    throw new CocoFormatException(file, idxName + "[" + i + "]", "image index " + idxs[i]
                            + " is outside the " + table.rows() + " feature rows");
                }
            }
            return new Split(split, captions, idxs, table);
        } catch (HdfException e) {
            throw new CocoFormatException(file, null, -1, -1, "not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /**
     * The vocabulary stored in the file ({@code idx_to_word}, a 1-D string dataset), when it has one.
     *
     * @param file the captions file
     * @return the vocabulary, or empty (then use {@code coco2014_vocab.json})
     * @throws CocoFormatException if the dataset is not a valid vocabulary
     * @throws IOException         on read errors
     */
    public static Optional<Vocabulary> readVocabulary(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "captions HDF5 file not found");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Dataset d = H5.optional(h5, "idx_to_word");
            if (d == null) {
                return Optional.empty();
            }
            String[] words = H5.stringVector(file, d, "idx_to_word");
            if (words.length < Vocabulary.SPECIALS.size()
                    || !Arrays.asList(words).subList(0, 4).equals(Vocabulary.SPECIALS)) {
                throw new CocoFormatException(file, "idx_to_word", "must start with " + Vocabulary.SPECIALS);
            }
            try {
                return Optional.of(Vocabulary.of(Arrays.asList(words).subList(4, words.length)));
            } catch (IllegalArgumentException e) {
                throw new CocoFormatException(file, "idx_to_word", e.getMessage());
            }
        } catch (HdfException e) {
            throw new CocoFormatException(file, null, -1, -1, "not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /**
     * Writes splits in the course's layout ({@code s_captions}, {@code s_image_idxs}, {@code s_features}, and
     * {@code idx_to_word} when a vocabulary is given), through a temporary file and an atomic move.
     *
     * @param file       the target
     * @param vocabulary the vocabulary to store, or null
     * @param splits     the splits (each with its feature rows)
     * @throws IOException on write errors
     */
    public static void write(Path file, Vocabulary vocabulary, Split... splits) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                for (Split s : splits) {
                    out.putDataset(s.name() + "_captions", s.captions());
                    int[] idxs = new int[s.imageIdxs().length];
                    for (int i = 0; i < idxs.length; i++) {
                        idxs[i] = Math.toIntExact(s.imageIdxs()[i]);
                    }
                    out.putDataset(s.name() + "_image_idxs", idxs);
                    float[][] rows = new float[s.features().rows()][];
                    for (int r = 0; r < rows.length; r++) {
                        rows[r] = s.features().load(r).toFloatVector();
                    }
                    out.putDataset(s.name() + "_features", rows);
                }
                if (vocabulary != null) {
                    out.putDataset("idx_to_word", vocabulary.idxToWord().toArray(new String[0]));
                }
            } catch (HdfException e) {
                throw new IOException(file + ": cannot write HDF5: " + e.getMessage(), e);
            }
        });
    }
}
