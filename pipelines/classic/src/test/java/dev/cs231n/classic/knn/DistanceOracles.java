package dev.cs231n.classic.knn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's slow distance forms, kept only as test oracles: {@code compute_distances_two_loops} (a scalar
 * loop over every pair), {@code compute_distances_one_loop} (one broadcast row at a time), and a two-loop L1.
 * All in float64.
 */
final class DistanceOracles {

    private DistanceOracles() {
    }

    /** {@code d[i][j] = sqrt(sum_k (a[i][k] - b[j][k])^2)}, scalar loops. */
    static INDArray l2TwoLoops(INDArray test, INDArray train) {
        double[][] a = test.toDoubleMatrix();
        double[][] b = train.toDoubleMatrix();
        double[][] d = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int k = 0; k < a[i].length; k++) {
                    double t = a[i][k] - b[j][k];
                    s += t * t;
                }
                d[i][j] = Math.sqrt(s);
            }
        }
        return Nd4j.createFromArray(d);
    }

    /** One test row at a time: {@code sqrt(sum((train - test[i])^2, axis=1))}. */
    static INDArray l2OneLoop(INDArray test, INDArray train) {
        INDArray x = test.castTo(DataType.DOUBLE);
        INDArray y = train.castTo(DataType.DOUBLE);
        INDArray d = Nd4j.create(DataType.DOUBLE, x.size(0), y.size(0));
        for (int i = 0; i < x.size(0); i++) {
            INDArray diff = y.subRowVector(x.getRow(i, true));
            d.putRow(i, Transforms.sqrt(diff.muli(diff).sum(1)));
        }
        return d;
    }

    /** {@code d[i][j] = sum_k |a[i][k] - b[j][k]|}, scalar loops. */
    static INDArray l1TwoLoops(INDArray test, INDArray train) {
        double[][] a = test.toDoubleMatrix();
        double[][] b = train.toDoubleMatrix();
        double[][] d = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int k = 0; k < a[i].length; k++) {
                    s += Math.abs(a[i][k] - b[j][k]);
                }
                d[i][j] = s;
            }
        }
        return Nd4j.createFromArray(d);
    }

    /** Frobenius norm of the difference, in float64. */
    static double frobenius(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
    }
}
