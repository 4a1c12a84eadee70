package dev.cs231n.datavec.coco;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Precomputed image features, one row per image: {@code [M, D]} FLOAT, each row keyed either by its row number
 * (the course's {@code *_image_idxs}) or by a COCO image id.
 *
 * <p>The feature file ({@link #write(Path)} / {@link #read(Path)}) is HDF5 with {@value #FEATURES} (float
 * {@code [M, D]}) and, for id-keyed tables, {@value #IMAGE_IDS} (int64 {@code [M]}): what a job writes when it
 * caches a CNN's features once. Immutable.
 */
public final class FeatureTable implements ImageInput {

    /** Dataset of the feature rows. */
    public static final String FEATURES = "features";
    /** Dataset of the rows' COCO image ids. */
    public static final String IMAGE_IDS = "image_ids";

    private final Path source;
    private final float[][] rows;
    private final long[] imageIds;
    private final Map<Long, Integer> rowOfId;

    private FeatureTable(Path source, float[][] rows, long[] imageIds) {
        this.source = source;
        this.rows = rows;
        this.imageIds = imageIds;
        int d = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(source + ": feature row " + i + " has " + rows[i].length
                        + " values, row 0 has " + d);
            }
        }
        if (imageIds == null) {
            rowOfId = null;
        } else {
            if (imageIds.length != rows.length) {
                throw new IllegalArgumentException(source + ": " + imageIds.length + " image ids for " + rows.length
                        + " feature rows");
            }
            rowOfId = new HashMap<>();
            for (int i = 0; i < imageIds.length; i++) {
                if (rowOfId.put(imageIds[i], i) != null) {
                    throw new IllegalArgumentException(source + ": image id " + imageIds[i] + " repeated (row " + i + ")");
                }
            }
        }
    }

    /**
     * @param source where the rows came from, for messages
     * @param rows   {@code [M][D]} features, row {@code i} keyed by {@code i}
     * @return a row-keyed table
     */
    public static FeatureTable byRow(Path source, float[][] rows) {
        return new FeatureTable(source, rows, null);
    }

    /**
     * @param source   where the rows came from, for messages
     * @param rows     {@code [M][D]} features
     * @param imageIds {@code [M]} distinct COCO image ids, row {@code i} keyed by {@code imageIds[i]}
     * @return an id-keyed table
     */
    public static FeatureTable byImageId(Path source, float[][] rows, long[] imageIds) {
        return new FeatureTable(source, rows, imageIds.clone());
    }

    /** @return the number of rows */
    public int rows() {
        return rows.length;
    }

    /** @return the feature dimension D */
    public int dimension() {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    /** @return whether rows are keyed by COCO image id (else by row number) */
    public boolean keyedByImageId() {
        return imageIds != null;
    }

    @Override
    public long[] exampleShape() {
        return new long[] {dimension()};
    }

    @Override
    public INDArray load(long key) throws CocoFormatException {
        return Nd4j.create(rows[row(key)], new long[] {1, dimension()}, 'c');
    }

    /**
     * @param key a row number, or an image id for an id-keyed table
     * @return the row number
     * @throws CocoFormatException naming the file and the key when the table has no such row
     */
    public int row(long key) throws CocoFormatException {
        if (rowOfId != null) {
            Integer r = rowOfId.get(key);
            if (r == null) {
                throw new CocoFormatException(source, "image id " + key, "no feature row for this image");
            }
            return r;
        }
        if (key < 0 || key >= rows.length) {
            throw new CocoFormatException(source, "feature row " + key, "outside the " + rows.length + " rows");
        }
        return (int) key;
    }

    @Override
    public String describe(long key) {
        return source + (rowOfId != null ? " image id " : " row ") + key;
    }

    @Override
    public SkipReport.Reason failureReason(IOException failure) {
        return SkipReport.Reason.MISSING_FEATURES;
    }

    /**
     * Writes the table as an HDF5 feature file (see the class comment), through a temporary file and an atomic
     * move.
     *
     * @param file the target
     * @throws IOException on write errors
     */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                out.putDataset(FEATURES, rows);
                if (imageIds != null) {
                    out.putDataset(IMAGE_IDS, imageIds);
                }
            } catch (HdfException e) {
                throw new IOException(file + ": cannot write the feature file: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Reads an HDF5 feature file: {@value #FEATURES} float {@code [M, D]}, and {@value #IMAGE_IDS} when present
     * (then the table is keyed by image id). The course's {@code train2014_vgg16_fc7_pca.h5} has this layout
     * (features only, row-keyed).
     *
     * @param file the file
     * @return the table
     * @throws NoSuchFileException if it does not exist
     * @throws CocoFormatException if it is not HDF5 or its datasets are missing or mistyped (naming them)
     */
    public static FeatureTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "feature file not found");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            float[][] rows = H5.floatMatrix(file, h5, FEATURES);
            Dataset ids = H5.optional(h5, IMAGE_IDS);
            if (ids == null) {
                return byRow(file, rows);
            }
            long[] imageIds = H5.longVector(file, h5, IMAGE_IDS);
            try {
                return new FeatureTable(file, rows, imageIds);
            } catch (IllegalArgumentException e) {
                throw new CocoFormatException(file, IMAGE_IDS, e.getMessage());
            }
        } catch (HdfException e) {
            throw new CocoFormatException(file, null, -1, -1, "not a readable HDF5 file: " + e.getMessage(), e);
        }
    }
}
