package dev.cs231n.datavec.cifar;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Converts {@link CifarDataset} images to ND4J arrays without per-element ND4J calls: pixels are widened
 * to float/double in Java chunks and copied to the array with one bulk copy (on the CPU backend, straight
 * into the array's memory, which is several times faster than {@code Nd4j.create(float[])}; whole sets are
 * converted in parallel chunks).
 *
 * <p>Features hold the raw pixel values 0..255 (no scaling) in the requested {@link FeatureLayout}:
 * {@code [N, 3, 32, 32]} or {@code [N, 3072]}, c-order. Labels are one-hot {@code [N, 10]}. Floating
 * types: {@link DataType#FLOAT} or {@link DataType#DOUBLE}.
 */
public final class CifarTensors {

    /** Images per parallel task when converting a whole set. */
    private static final int TASK_IMAGES = 2048;
    /** Images per scratch conversion (64 x 3072 floats = 768 KB, below G1's humongous threshold). */
    private static final int SCRATCH_IMAGES = 64;

    private CifarTensors() {
    }

    /**
     * All images of a dataset in one array.
     *
     * @param data   the images
     * @param layout NCHW or FLAT
     * @param type   FLOAT or DOUBLE
     * @return features, shape {@code layout.shape(data.size())}
     */
    public static INDArray features(CifarDataset data, FeatureLayout layout, DataType type) {
        requireFloating(type);
        int n = data.size();
        INDArray out = Nd4j.createUninitialized(type, new long[] {n, CifarFormat.IMAGE_BYTES}, 'c');
        int tasks = (n + TASK_IMAGES - 1) / TASK_IMAGES;
        if (Nd4j.getEnvironment().isCPU()) {
            ByteBuffer memory = out.data().asNio().order(ByteOrder.nativeOrder());
            IntStream.range(0, tasks).parallel().forEach(t -> {
                int from = t * TASK_IMAGES;
                fillHost(data, null, from, Math.min(TASK_IMAGES, n - from), memory, from, type);
            });
        } else {
            for (int t = 0; t < tasks; t++) {
                int from = t * TASK_IMAGES;
                int count = Math.min(TASK_IMAGES, n - from);
                out.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all())
                        .assign(rowsViaHeap(data, null, from, count, type));
            }
        }
        return out.reshape('c', layout.shape(n));
    }

    /**
     * The images {@code order[from] .. order[from + count - 1]} in one array (a minibatch).
     *
     * @param data   the images
     * @param order  image indices, or null for the identity order
     * @param from   first position in {@code order}
     * @param count  number of images
     * @param layout NCHW or FLAT
     * @param type   FLOAT or DOUBLE
     * @return features, shape {@code layout.shape(count)}
     */
    public static INDArray features(CifarDataset data, int[] order, int from, int count, FeatureLayout layout,
                                    DataType type) {
        requireFloating(type);
        return rows(data, order, from, count, type).reshape('c', layout.shape(count));
    }

    /**
     * One-hot labels of all images.
     *
     * @param data the images
     * @param type FLOAT or DOUBLE
     * @return {@code [N, 10]}, row {@code i} has a 1 at column {@code label(i)}
     */
    public static INDArray oneHotLabels(CifarDataset data, DataType type) {
        return oneHotLabels(data, null, 0, data.size(), type);
    }

    /**
     * One-hot labels of the images {@code order[from] .. order[from + count - 1]}.
     *
     * @param data  the images
     * @param order image indices, or null for the identity order
     * @param from  first position in {@code order}
     * @param count number of images
     * @param type  FLOAT or DOUBLE
     * @return {@code [count, 10]}
     */
    public static INDArray oneHotLabels(CifarDataset data, int[] order, int from, int count, DataType type) {
        requireFloating(type);
        checkRange(data, order, from, count);
        int k = CifarFormat.NUM_CLASSES;
        if (type == DataType.DOUBLE) {
            double[] v = new double[count * k];
            for (int r = 0; r < count; r++) {
                v[r * k + data.label(index(order, from + r))] = 1.0;
            }
            return Nd4j.create(v, new long[] {count, k}, 'c');
        }
        float[] v = new float[count * k];
        for (int r = 0; r < count; r++) {
            v[r * k + data.label(index(order, from + r))] = 1.0f;
        }
        return Nd4j.create(v, new long[] {count, k}, 'c');
    }

    /**
     * Features and one-hot labels of all images.
     *
     * @param data   the images
     * @param layout NCHW or FLAT
     * @param type   FLOAT or DOUBLE
     * @return the data set
     */
    public static DataSet dataSet(CifarDataset data, FeatureLayout layout, DataType type) {
        return new DataSet(features(data, layout, type), oneHotLabels(data, type));
    }

    private static INDArray rows(CifarDataset data, int[] order, int from, int count, DataType type) {
        checkRange(data, order, from, count);
        if (!Nd4j.getEnvironment().isCPU()) {
            return rowsViaHeap(data, order, from, count, type);
        }
        INDArray out = Nd4j.createUninitialized(type, new long[] {count, CifarFormat.IMAGE_BYTES}, 'c');
        fillHost(data, order, from, count, out.data().asNio().order(ByteOrder.nativeOrder()), 0, type);
        return out;
    }

    /**
     * Writes images {@code order[from] ..} as rows {@code firstRow ..} of a host array's memory, through a
     * small scratch array (kept under G1's humongous-object size so conversion creates no GC pressure).
     */
    private static void fillHost(CifarDataset data, int[] order, int from, int count, ByteBuffer memory,
                                 int firstRow, DataType type) {
        int d = CifarFormat.IMAGE_BYTES;
        if (type == DataType.DOUBLE) {
            DoubleBuffer target = memory.asDoubleBuffer();
            double[] scratch = new double[SCRATCH_IMAGES / 2 * d];
            int step = SCRATCH_IMAGES / 2;
            for (int k = 0; k < count; k += step) {
                int m = Math.min(step, count - k);
                for (int r = 0; r < m; r++) {
                    data.copyPixels(index(order, from + k + r), scratch, r * d);
                }
                target.put((firstRow + k) * d, scratch, 0, m * d);
            }
            return;
        }
        FloatBuffer target = memory.asFloatBuffer();
        float[] scratch = new float[SCRATCH_IMAGES * d];
        for (int k = 0; k < count; k += SCRATCH_IMAGES) {
            int m = Math.min(SCRATCH_IMAGES, count - k);
            for (int r = 0; r < m; r++) {
                data.copyPixels(index(order, from + k + r), scratch, r * d);
            }
            target.put((firstRow + k) * d, scratch, 0, m * d);
        }
    }

    /** Backend-neutral path (for device backends): a heap array copied by {@code Nd4j.create}. */
    private static INDArray rowsViaHeap(CifarDataset data, int[] order, int from, int count, DataType type) {
        int d = CifarFormat.IMAGE_BYTES;
        long[] shape = {count, d};
        if (type == DataType.DOUBLE) {
            double[] v = new double[count * d];
            for (int r = 0; r < count; r++) {
                data.copyPixels(index(order, from + r), v, r * d);
            }
            return Nd4j.create(v, shape, 'c');
        }
        float[] v = new float[count * d];
        for (int r = 0; r < count; r++) {
            data.copyPixels(index(order, from + r), v, r * d);
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static int index(int[] order, int position) {
        return order == null ? position : order[position];
    }

    private static void checkRange(CifarDataset data, int[] order, int from, int count) {
        Objects.checkFromIndexSize(from, count, order == null ? data.size() : order.length);
    }

    private static void requireFloating(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("feature type must be FLOAT or DOUBLE, got " + type);
        }
    }
}
