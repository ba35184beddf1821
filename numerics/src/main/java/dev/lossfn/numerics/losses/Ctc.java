package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Connectionist temporal classification: the forward algorithm over the blank-extended target,
 * in log space (stable) and in probability space (naive: the product of T probabilities underflows).
 * The blank is class 0.
 */
public final class Ctc {
    private Ctc() {}

    /** Stands for log(0) in log space: finite, so that max-subtraction never computes -inf - -inf. */
    public static final double LOG_ZERO = -1e30;

    /**
     * Negative log-likelihood of {@code target} under [T, C] per-step log-probabilities, in log space.
     * An unreachable target gives about 1e30.
     */
    public static double logSpace(INDArray logProbs, int[] target) {
        int[] ext = extended(target);
        int s = ext.length;
        INDArray emit = logProbs.getColumns(ext);
        INDArray skip = skipMask(ext, logProbs);
        INDArray alpha = Nd4j.valueArrayOf(new long[] {s}, LOG_ZERO, logProbs.dataType());
        alpha.putScalar(0, emit.getDouble(0, 0));
        if (s > 1) {
            alpha.putScalar(1, emit.getDouble(0, 1));
        }
        for (int t = 1; t < logProbs.size(0); t++) {
            INDArray a1 = shift(alpha, 1);
            INDArray a2 = shift(alpha, 2).addi(skip);
            INDArray m = Transforms.max(alpha, Transforms.max(a1, a2, true), true);
            INDArray sum = Transforms.exp(alpha.sub(m), false).addi(Transforms.exp(a1.subi(m), false))
                    .addi(Transforms.exp(a2.subi(m), false));
            alpha = Transforms.log(sum, false).addi(m).addi(emit.getRow(t));
        }
        double last = alpha.getDouble(s - 1);
        double prev = s > 1 ? alpha.getDouble(s - 2) : LOG_ZERO;
        double mx = Math.max(last, prev);
        return -(mx + Math.log(Math.exp(last - mx) + Math.exp(prev - mx)));
    }

    /** The same recursion on probabilities, {@code -log(alpha_T)}: infinite once alpha underflows to 0. */
    public static double probabilitySpace(INDArray logProbs, int[] target) {
        int[] ext = extended(target);
        int s = ext.length;
        INDArray emit = Transforms.exp(logProbs.getColumns(ext), false);
        INDArray allowSkip = Transforms.exp(skipMask(ext, logProbs), false);
        INDArray alpha = Nd4j.zeros(logProbs.dataType(), s);
        alpha.putScalar(0, emit.getDouble(0, 0));
        if (s > 1) {
            alpha.putScalar(1, emit.getDouble(0, 1));
        }
        for (int t = 1; t < logProbs.size(0); t++) {
            INDArray a2 = shift(alpha, 2, 0.0).muli(allowSkip);
            alpha = alpha.add(shift(alpha, 1, 0.0)).addi(a2).muli(emit.getRow(t));
        }
        double p = alpha.getDouble(s - 1) + (s > 1 ? alpha.getDouble(s - 2) : 0.0);
        return -Math.log(toType(p, logProbs));
    }

    /**
     * Per-sequence losses reduced like PyTorch's {@code ctc_loss}: NONE gives one loss per sequence,
     * SUM their sum, MEAN divides each by its target length, then averages.
     */
    public static INDArray batch(INDArray[] logProbs, int[][] targets, Reduction reduction) {
        double[] per = new double[logProbs.length];
        for (int i = 0; i < logProbs.length; i++) {
            per[i] = logSpace(logProbs[i], targets[i]);
        }
        INDArray losses = Nd4j.createFromArray(per).castTo(logProbs[0].dataType());
        if (reduction != Reduction.MEAN) {
            return reduction.apply(losses);
        }
        double sum = 0;
        for (int i = 0; i < per.length; i++) {
            sum += per[i] / Math.max(1, targets[i].length);
        }
        return Nd4j.scalar(logProbs[0].dataType(), sum / per.length);
    }

    private static double toType(double p, INDArray like) {
        return like.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT ? (float) p : p;
    }

    /** The target with a blank before, between and after its labels. */
    static int[] extended(int[] target) {
        int[] ext = new int[2 * target.length + 1];
        for (int i = 0; i < target.length; i++) {
            ext[2 * i + 1] = target[i];
        }
        return ext;
    }

    /** 0 where the skip transition s-2 → s is allowed, LOG_ZERO elsewhere. */
    private static INDArray skipMask(int[] ext, INDArray like) {
        INDArray m = Nd4j.valueArrayOf(new long[] {ext.length}, LOG_ZERO, like.dataType());
        for (int s = 2; s < ext.length; s++) {
            if (ext[s] != 0 && ext[s] != ext[s - 2]) {
                m.putScalar(s, 0.0);
            }
        }
        return m;
    }

    private static INDArray shift(INDArray v, int by) {
        return shift(v, by, LOG_ZERO);
    }

    private static INDArray shift(INDArray v, int by, double fill) {
        long n = v.length();
        INDArray out = Nd4j.valueArrayOf(new long[] {n}, fill, v.dataType());
        if (n > by) {
            out.get(NDArrayIndex.interval(by, n)).assign(v.get(NDArrayIndex.interval(0, n - by)));
        }
        return out;
    }
}
