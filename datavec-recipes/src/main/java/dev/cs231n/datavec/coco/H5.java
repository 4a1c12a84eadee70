package dev.cs231n.datavec.coco;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads HDF5 datasets with jhdf into plain arrays, whatever numeric type they were stored as. */
final class H5 {

    private H5() {
    }

    static Dataset optional(HdfFile h5, String name) {
        Node node = h5.getChildren().get(name);
        return node instanceof Dataset d ? d : null;
    }

    static Dataset required(Path file, HdfFile h5, String name) throws CocoFormatException {
        Dataset d = optional(h5, name);
        if (d == null) {
            throw new CocoFormatException(file, name, "dataset missing (the file holds " + h5.getChildren().keySet()
                    + ")");
        }
        return d;
    }

    static float[][] floatMatrix(Path file, HdfFile h5, String name) throws CocoFormatException {
        Dataset d = required(file, h5, name);
        checkRank(file, d, name, 2);
        Object data = d.getData();
        if (data instanceof float[][] f) {
            return f;
        }
        if (data instanceof double[][] x) {
            float[][] out = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = new float[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                    out[i][j] = (float) x[i][j];
                }
            }
            return out;
        }
        throw new CocoFormatException(file, name, "expected floating-point data, found " + d.getJavaType());
    }

    static int[][] intMatrix(Path file, HdfFile h5, String name) throws CocoFormatException {
        Dataset d = required(file, h5, name);
        checkRank(file, d, name, 2);
        Object data = d.getData();
        if (data instanceof int[][] x) {
            return x;
        }
        if (data instanceof long[][] x) {
            int[][] out = new int[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = new int[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                    out[i][j] = Math.toIntExact(x[i][j]);
                }
            }
            return out;
        }
        throw new CocoFormatException(file, name, "expected integer data, found " + d.getJavaType());
    }

    static long[] longVector(Path file, HdfFile h5, String name) throws CocoFormatException {
        Dataset d = required(file, h5, name);
        checkRank(file, d, name, 1);
        Object data = d.getData();
        if (data instanceof long[] x) {
            return x;
        }
        if (data instanceof int[] x) {
            return Arrays.stream(x).asLongStream().toArray();
        }
        throw new CocoFormatException(file, name, "expected integer data, found " + d.getJavaType());
    }

    static String[] stringVector(Path file, Dataset d, String name) throws CocoFormatException {
        checkRank(file, d, name, 1);
        Object data = d.getData();
        if (data instanceof String[] s) {
            return s;
        }
        throw new CocoFormatException(file, name, "expected strings, found " + d.getJavaType());
    }

    private static void checkRank(Path file, Dataset d, String name, int rank) throws CocoFormatException {
        if (d.getDimensions().length != rank) {
            throw new CocoFormatException(file, name, "expected rank " + rank + ", found shape "
                    + Arrays.toString(d.getDimensions()));
        }
    }
}
