package dev.cs231n.layers.norm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation in inference mode, a per-channel affine map of fixed statistics, with ND4J broadcast ops
 * along dimension 1 of {@code [N, C]} or {@code [N, C, H, W]}: {@code out = gamma * (x - mean) / sqrt(var + eps) +
 * beta} in the course's order of operations, and its backward pass.
 */
final class RunningStatsAffine {

    private RunningStatsAffine() {
    }

    /**
     * @param x     the input, rank 2 or 4
     * @param gamma {@code [C]}
     * @param beta  {@code [C]}
     * @param mean  the running mean {@code [C]}
     * @param var   the running variance {@code [C]}
     * @param eps   added to the variance
     * @param out   where to write the output, the shape of {@code x}
     * @return {@code out}
     */
    static INDArray output(INDArray x, INDArray gamma, INDArray beta, INDArray mean, INDArray var, double eps,
            INDArray out) {
        INDArray in = Shape.strideDescendingCAscendingF(x) ? x : x.dup();
        INDArray std = Transforms.sqrt(var.add(eps), false);
        Nd4j.getExecutioner().exec(new BroadcastSubOp(in, mean, out, 1));
        Nd4j.getExecutioner().exec(new BroadcastDivOp(out, std, out, 1));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(out, gamma, out, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(out, beta, out, 1));
        return out;
    }

    /**
     * @param x     the input of the forward pass
     * @param dout  dL/dout
     * @param gamma {@code [C]}
     * @param mean  the running mean {@code [C]}
     * @param var   the running variance {@code [C]}
     * @param eps   added to the variance
     * @param dx    where to write {@code dL/dx = dout * gamma / sqrt(var + eps)}
     * @return {@code {dL/dgamma, dL/dbeta}}, each {@code [C]}
     */
    static INDArray[] backward(INDArray x, INDArray dout, INDArray gamma, INDArray mean, INDArray var, double eps,
            INDArray dx) {
        INDArray in = Shape.strideDescendingCAscendingF(x) ? x : x.dup();
        INDArray g = Shape.strideDescendingCAscendingF(dout) ? dout : dout.dup();
        int[] axes = x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
        INDArray std = Transforms.sqrt(var.add(eps), false);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(g, gamma, dx, 1));
        Nd4j.getExecutioner().exec(new BroadcastDivOp(dx, std, dx, 1));
        INDArray xhat = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new BroadcastSubOp(in, mean, xhat, 1));
        Nd4j.getExecutioner().exec(new BroadcastDivOp(xhat, std, xhat, 1));
        return new INDArray[] {xhat.muli(g).sum(axes), g.sum(axes)};
    }
}
