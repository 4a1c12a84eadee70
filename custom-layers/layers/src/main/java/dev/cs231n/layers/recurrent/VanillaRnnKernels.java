package dev.cs231n.layers.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The vanilla RNN's forward pass and closed-form backward pass (backpropagation through time) in a few ND4J calls per
 * time step: the fast path of {@link VanillaRnnVertex}, whose SameDiff definition
 * ({@link VanillaRnnVertex#defineVertex}) is the reference it is tested against.
 *
 * <p>Forward, time-major ({@code [T, N, .]}, so that each step's arrays are contiguous matrices):
 * <pre>
 * A = X Wx + b                              one GEMM over all T*N rows          A: [T, N, H]
 * c_t = tanh(A_t + h_{t-1} Wh)              per step: one GEMM into A_t, one tanh in place
 * h_t = m_t c_t + (1 - m_t) h_{t-1}         per step with a mask: three broadcast products / sums
 * out_t = m_t h_t                           once over [T, N, H] with a mask; out = c without one
 * </pre>
 * Backward, with {@code g_t = dL/dh_t} (from the output and from step t + 1):
 * <pre>
 * g_t = m_t dout_t + dh_next                 per step: one add
 * da_t = g_t * m_t (1 - c_t^2)              per step: one product (m (1 - c^2) precomputed over [T, N, H])
 * dh_next = da_t Wh^T + (1 - m_t) g_t        per step: one GEMM (plus one broadcast product with a mask)
 * dWx = X^T dA,  dWh = Hprev^T dA,  db = sum dA,  dX = dA Wx^T,  dh0 = dh_next after t = 1
 * </pre>
 * the last line as four calls over all T*N rows. Without a mask, {@code m = 1} and the mask terms are skipped: the
 * formulas are then exactly the course's {@code rnn_forward}/{@code rnn_backward}.
 */
final class VanillaRnnKernels {

    /** Allocates the kernels' arrays (e.g. in a DL4J workspace). */
    interface Alloc {
        /**
         * @param dtype the data type
         * @param shape the shape
         * @return a new 'c'-order array, contents undefined
         */
        INDArray create(DataType dtype, long... shape);
    }

    /** What the forward pass keeps for the backward pass, and the output. */
    static final class Cache {
        /** The sequence input, NCW {@code [N, D, T]}, as given (identifies what the cache was computed from). */
        final INDArray x;
        /** The initial state {@code [N, H]}, as given. */
        final INDArray h0;
        /** The sequence mask {@code [N, T]} as given, or null. */
        final INDArray mask;
        /** The inputs, time-major {@code [T * N, D]}. */
        final INDArray xTm;
        /** {@code c_t = tanh(...)}, time-major {@code [T, N, H]}. */
        final INDArray c;
        /** With a mask: {@code h_0 .. h_T}, time-major {@code [T + 1, N, H]}; null without one ({@code h_t = c_t}). */
        final INDArray hAll;
        /** With a mask: the mask time-major {@code [T, N]}; else null. */
        final INDArray mTm;
        /** The output {@code out_t}, time-major {@code [T, N, H]}. */
        final INDArray out;

        Cache(INDArray x, INDArray h0, INDArray mask, INDArray xTm, INDArray c, INDArray hAll, INDArray mTm,
                INDArray out) {
            this.x = x;
            this.h0 = h0;
            this.mask = mask;
            this.xTm = xTm;
            this.c = c;
            this.hAll = hAll;
            this.mTm = mTm;
            this.out = out;
        }

        /** @return true if this cache was computed from exactly these input arrays */
        boolean isFor(INDArray x, INDArray h0, INDArray mask) {
            return this.x == x && this.h0 == h0 && this.mask == mask;
        }
    }

    /** The gradients of one backward pass. */
    static final class Grads {
        /** dL/dx, NCW {@code [N, D, T]} view of a time-major array. */
        final INDArray dx;
        /** dL/dh0 {@code [N, H]}. */
        final INDArray dh0;
        /** dL/dWx {@code [D, H]}. */
        final INDArray dWx;
        /** dL/dWh {@code [H, H]}. */
        final INDArray dWh;
        /** dL/db {@code [H]}. */
        final INDArray db;

        Grads(INDArray dx, INDArray dh0, INDArray dWx, INDArray dWh, INDArray db) {
            this.dx = dx;
            this.dh0 = dh0;
            this.dWx = dWx;
            this.dWh = dWh;
            this.db = db;
        }
    }

    private VanillaRnnKernels() {
    }

    /**
     * The forward pass.
     *
     * @param x     the sequence, NCW {@code [N, D, T]} (any strides)
     * @param h0    the initial state {@code [N, H]}
     * @param mask  the per-step mask {@code [N, T]} (1 = real step, 0 = padding), or null
     * @param wx    {@code Wx [D, H]}
     * @param wh    {@code Wh [H, H]}
     * @param b     {@code b [H]}
     * @param alloc where the cache's arrays go
     * @return the output (time-major, in {@link Cache#out}) and what the backward pass needs
     */
    static Cache forward(INDArray x, INDArray h0, INDArray mask, INDArray wx, INDArray wh, INDArray b,
            Alloc alloc) {
        DataType dt = x.dataType();
        long n = x.size(0);
        long d = x.size(1);
        long t = x.size(2);
        long h = wh.size(0);
        INDArray xTm3 = alloc.create(dt, t, n, d);
        xTm3.assign(x.permute(2, 0, 1));
        INDArray xTm = xTm3.reshape('c', t * n, d);
        INDArray c = alloc.create(dt, t, n, h);
        INDArray c2 = c.reshape('c', t * n, h);
        Nd4j.gemm(xTm, wx, c2, false, false, 1.0, 0.0);
        c2.addiRowVector(b.reshape(1, h));
        if (mask == null) {
            INDArray prev = h0;
            for (int i = 0; i < t; i++) {
                INDArray ci = c.slice(i);
                Nd4j.gemm(prev, wh, ci, false, false, 1.0, 1.0);
                Transforms.tanh(ci, false);
                prev = ci;
            }
            return new Cache(x, h0, null, xTm, c, null, null, c);
        }
        INDArray mTm = alloc.create(dt, t, n);
        mTm.assign(mask.transpose());
        INDArray omTm = mTm.rsub(1.0);
        INDArray hAll = alloc.create(dt, t + 1, n, h);
        hAll.slice(0).assign(h0);
        INDArray kept = Nd4j.createUninitialized(dt, n, h);
        for (int i = 0; i < t; i++) {
            INDArray ci = c.slice(i);
            INDArray prev = hAll.slice(i);
            INDArray next = hAll.slice(i + 1);
            Nd4j.gemm(prev, wh, ci, false, false, 1.0, 1.0);
            Transforms.tanh(ci, false);
            // h_t = m_t c_t + (1 - m_t) h_{t-1}: with m_t = 0 exactly h_{t-1}, with m_t = 1 exactly c_t
            Nd4j.getExecutioner().exec(new BroadcastMulOp(ci, mTm.slice(i), next, 0));
            Nd4j.getExecutioner().exec(new BroadcastMulOp(prev, omTm.slice(i), kept, 0));
            next.addi(kept);
        }
        INDArray out = alloc.create(dt, t, n, h);
        INDArray hs = hAll.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, t + 1));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(hs, mTm, out, 0, 1));
        return new Cache(x, h0, mask, xTm, c, hAll, mTm, out);
    }

    /**
     * The backward pass.
     *
     * @param cache the forward pass's cache
     * @param dout  dL/dout, NCW {@code [N, H, T]} (any strides)
     * @param wx    {@code Wx [D, H]}
     * @param wh    {@code Wh [H, H]}
     * @param alloc where the working arrays and the results go
     * @return every gradient
     */
    static Grads backward(Cache cache, INDArray dout, INDArray wx, INDArray wh, Alloc alloc) {
        INDArray c = cache.c;
        DataType dt = c.dataType();
        long t = c.size(0);
        long n = c.size(1);
        long h = c.size(2);
        long d = wx.size(0);
        boolean masked = cache.mTm != null;

        INDArray g0 = alloc.create(dt, t, n, h);
        g0.assign(dout.permute(2, 0, 1));
        // dA starts as the local derivative m (1 - c^2) and becomes da in place, step by step
        INDArray dA = alloc.create(dt, t, n, h);
        Nd4j.getExecutioner().exec(new MulOp(c, c, dA));
        dA.rsubi(1.0);
        INDArray omTm = null;
        if (masked) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(dA, cache.mTm, dA, 0, 1));
            Nd4j.getExecutioner().exec(new BroadcastMulOp(g0, cache.mTm, g0, 0, 1));
            omTm = cache.mTm.rsub(1.0);
        }
        INDArray dhNext = alloc.create(dt, n, h);
        INDArray spare = alloc.create(dt, n, h);
        INDArray g = alloc.create(dt, n, h);
        for (long i = t - 1; i >= 0; i--) {
            INDArray gi;
            if (i == t - 1) {
                gi = g0.slice(i);
            } else {
                Nd4j.getExecutioner().exec(new AddOp(g0.slice(i), dhNext, g));
                gi = g;
            }
            INDArray dai = dA.slice(i);
            dai.muli(gi);
            if (masked) {
                Nd4j.getExecutioner().exec(new BroadcastMulOp(gi, omTm.slice(i), spare, 0));
                Nd4j.gemm(dai, wh, spare, false, true, 1.0, 1.0);
                INDArray swap = dhNext;
                dhNext = spare;
                spare = swap;
            } else {
                Nd4j.gemm(dai, wh, dhNext, false, true, 1.0, 0.0);
            }
        }

        INDArray dA2 = dA.reshape('c', t * n, h);
        INDArray hPrev2;
        if (masked) {
            hPrev2 = cache.hAll.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, t)).reshape('c', t * n, h);
        } else {
            INDArray hPrev = alloc.create(dt, t, n, h);
            hPrev.slice(0).assign(cache.h0);
            if (t > 1) {
                hPrev.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, t))
                        .assign(c.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, t - 1)));
            }
            hPrev2 = hPrev.reshape('c', t * n, h);
        }
        INDArray dWx = alloc.create(dt, d, h);
        Nd4j.gemm(cache.xTm, dA2, dWx, true, false, 1.0, 0.0);
        INDArray dWh = alloc.create(dt, h, h);
        Nd4j.gemm(hPrev2, dA2, dWh, true, false, 1.0, 0.0);
        INDArray db = dA2.sum(0);
        INDArray dxTm = alloc.create(dt, t * n, d);
        Nd4j.gemm(dA2, wx, dxTm, false, true, 1.0, 0.0);
        INDArray dx = dxTm.reshape('c', t, n, d).permute(1, 2, 0);
        return new Grads(dx, dhNext, dWx, dWh, db);
    }
}
