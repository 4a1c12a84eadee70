package dev.cs231n.layers.norm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's hand-derived normalisation layers ({@code cs231n/layers.py}), ported to explicit ND4J operations
 * as a second oracle beside the PyTorch fixtures: {@code batchnorm_forward} (train and test),
 * {@code batchnorm_backward} (the staged computational-graph derivation), {@code batchnorm_backward_alt}
 * ({@code dx = gamma / (N sigma) (N dout - sum dout - xhat sum(dout xhat))}), {@code layernorm_*} (the batchnorm
 * code on transposed arrays), {@code spatial_batchnorm_*} (batchnorm of the {@code [N*H*W, C]} reshape) and
 * {@code spatial_groupnorm_*}. DOUBLE arrays, 'c' order.
 */
final class CourseNorms {

    private CourseNorms() {
    }

    /** What the course's batchnorm caches for its backward pass. */
    record Cache(INDArray xhat, INDArray xc, INDArray var, INDArray gamma, double eps) {
    }

    /** A forward result: output and cache. */
    record Forward(INDArray out, Cache cache, INDArray mean, INDArray var) {
    }

    /** {@code {dx, dgamma, dbeta}}. */
    record Backward(INDArray dx, INDArray dgamma, INDArray dbeta) {
    }

    /** A forward output and the backward pass of a given {@code dout}. */
    record Both(INDArray out, Backward grads) {
    }

    /** {@code batchnorm_forward}, train mode: statistics over axis 0 of {@code x: [N, D]}, biased variance. */
    static Forward batchnormForward(INDArray x, INDArray gamma, INDArray beta, double eps) {
        INDArray mu = x.mean(0);
        INDArray xc = x.subRowVector(mu);
        INDArray var = xc.mul(xc).mean(0);
        INDArray xhat = xc.divRowVector(Transforms.sqrt(var.add(eps)));
        INDArray out = xhat.mulRowVector(gamma).addRowVector(beta);
        return new Forward(out, new Cache(xhat, xc, var, gamma, eps), mu, var);
    }

    /** {@code batchnorm_forward}, test mode: {@code gamma * (x - rm) / sqrt(rv + eps) + beta}. */
    static INDArray batchnormTest(INDArray x, INDArray gamma, INDArray beta, INDArray runMean, INDArray runVar,
            double eps) {
        return x.subRowVector(runMean).divRowVector(Transforms.sqrt(runVar.add(eps))).mulRowVector(gamma)
                .addRowVector(beta);
    }

    /** The course's running-statistic update: {@code momentum * running + (1 - momentum) * batch}. */
    static INDArray runningUpdate(INDArray running, INDArray batch, double momentum) {
        return running.mul(momentum).add(batch.mul(1 - momentum));
    }

    /** {@code batchnorm_backward}: back through each node of the forward graph. */
    static Backward batchnormBackward(INDArray dout, Cache c) {
        long n = dout.size(0);
        INDArray dbeta = dout.sum(0);
        INDArray dgamma = dout.mul(c.xhat()).sum(0);
        INDArray dxhat = dout.mulRowVector(c.gamma());
        INDArray std = Transforms.sqrt(c.var().add(c.eps()));
        INDArray ivar = Transforms.pow(std, -1);
        INDArray divar = dxhat.mul(c.xc()).sum(0);              // xhat = xc * ivar
        INDArray dxc = dxhat.mulRowVector(ivar);
        INDArray dstd = divar.mul(Transforms.pow(std, -2)).neg(); // ivar = 1 / std
        INDArray dvar = dstd.mul(0.5).div(std);                   // std = sqrt(var + eps)
        INDArray dsq = Nd4j.onesLike(dout).divi(n).mulRowVector(dvar); // var = mean(sq)
        dxc.addi(c.xc().mul(2).mul(dsq));                          // sq = xc^2
        INDArray dmu = dxc.sum(0).neg();                           // xc = x - mu
        INDArray dx = dxc.addRowVector(dmu.div(n));                // mu = mean(x)
        return new Backward(dx, dgamma, dbeta);
    }

    /** {@code batchnorm_backward_alt}: {@code dx = gamma / (N sigma) (N dout - sum dout - xhat sum(dout xhat))}. */
    static Backward batchnormBackwardAlt(INDArray dout, Cache c) {
        long n = dout.size(0);
        INDArray dbeta = dout.sum(0);
        INDArray dgamma = dout.mul(c.xhat()).sum(0);
        INDArray sigma = Transforms.sqrt(c.var().add(c.eps()));
        INDArray dx = dout.mul(n).subRowVector(dbeta).sub(c.xhat().mulRowVector(dgamma))
                .mulRowVector(c.gamma().div(sigma.mul(n)));
        return new Backward(dx, dgamma, dbeta);
    }

    /** {@code layernorm_forward}: the batchnorm statistics of {@code x^T}, then gamma and beta per feature. */
    static Forward layernormForward(INDArray x, INDArray gamma, INDArray beta, double eps) {
        long n = x.size(0);
        Forward t = batchnormForward(x.transpose().dup(), Nd4j.ones(x.dataType(), n), Nd4j.zeros(x.dataType(), n),
                eps);
        INDArray xhat = t.out().transpose().dup();
        return new Forward(xhat.mulRowVector(gamma).addRowVector(beta), t.cache(), t.mean(), t.var());
    }

    /** {@code layernorm_backward}: {@code batchnorm_backward_alt} on the transposes, gamma applied outside. */
    static Backward layernormBackward(INDArray dout, INDArray x, INDArray gamma, double eps) {
        Forward t = layernormForward(x, gamma, gamma.mul(0), eps);
        INDArray xhat = t.cache().xhat().transpose();
        INDArray dxhatT = dout.mulRowVector(gamma).transpose().dup();
        Backward b = batchnormBackwardAlt(dxhatT, t.cache());
        return new Backward(b.dx().transpose().dup(), dout.mul(xhat).sum(0), dout.sum(0));
    }

    /** {@code spatial_batchnorm_forward}: batchnorm of {@code x} reshaped to {@code [N*H*W, C]}. */
    static Forward spatialForward(INDArray x, INDArray gamma, INDArray beta, double eps) {
        Forward f = batchnormForward(toRows(x), gamma, beta, eps);
        return new Forward(fromRows(f.out(), x.shape()), f.cache(), f.mean(), f.var());
    }

    /** {@code spatial_batchnorm_backward}, through {@link #batchnormBackward}. */
    static Backward spatialBackward(INDArray dout, Cache c) {
        Backward b = batchnormBackward(toRows(dout), c);
        return new Backward(fromRows(b.dx(), dout.shape()), b.dgamma(), b.dbeta());
    }

    /** {@code spatial_batchnorm_forward} in test mode. */
    static INDArray spatialTest(INDArray x, INDArray gamma, INDArray beta, INDArray runMean, INDArray runVar,
            double eps) {
        return fromRows(batchnormTest(toRows(x), gamma, beta, runMean, runVar, eps), x.shape());
    }

    /**
     * {@code spatial_groupnorm_forward} and backward: statistics per (example, group) over {@code C/G, H, W},
     * i.e. per row of {@code x.reshape(N*G, C/G*H*W)}; gamma, beta {@code [C]}.
     */
    static Both spatialGroupnorm(INDArray x, INDArray gamma, INDArray beta, int groups, double eps,
            INDArray dout) {
        long[] s = x.shape();
        long m = s[1] / groups * s[2] * s[3];
        INDArray rows = x.dup('c').reshape('c', s[0] * groups, m);
        INDArray mu = rows.mean(1);
        INDArray xc = rows.subColumnVector(mu);
        INDArray sigma = Transforms.sqrt(xc.mul(xc).mean(1).add(eps));
        INDArray xhatRows = xc.divColumnVector(sigma);
        INDArray xhat = xhatRows.reshape('c', s);
        INDArray g4 = gamma.reshape(1, s[1], 1, 1);
        INDArray out = xhat.mul(g4).add(beta.reshape(1, s[1], 1, 1));
        // per row: dx = 1 / (M sigma) (M dxhat - sum dxhat - xhat sum(dxhat xhat)), dxhat = dout * gamma
        INDArray dxhat = dout.mul(g4).dup('c').reshape('c', s[0] * groups, m);
        INDArray dx = dxhat.mul(m).subColumnVector(dxhat.sum(1))
                .sub(xhatRows.mulColumnVector(dxhat.mul(xhatRows).sum(1))).divColumnVector(sigma.mul(m));
        return new Both(out, new Backward(dx.reshape('c', s), dout.mul(xhat).sum(0, 2, 3), dout.sum(0, 2, 3)));
    }

    private static INDArray toRows(INDArray nchw) {
        long[] s = nchw.shape();
        return nchw.permute(0, 2, 3, 1).dup('c').reshape('c', s[0] * s[2] * s[3], s[1]);
    }

    private static INDArray fromRows(INDArray rows, long[] nchw) {
        return rows.reshape('c', nchw[0], nchw[2], nchw[3], nchw[1]).permute(0, 3, 1, 2).dup('c');
    }
}
