package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Contrastive and metric-learning losses: InfoNCE, NT-Xent and the triplet margin loss. */
public final class Contrastive {
    private Contrastive() {}

    /** {@code F.normalize}'s lower bound on the norm. */
    public static final double NORMALIZE_EPS = 1e-12;
    /** {@code F.pairwise_distance}'s eps, added to the difference. */
    public static final double PAIRWISE_EPS = 1e-6;

    /** The logit that takes a view out of its own softmax in NT-Xent. */
    public static final double SELF_MASK = -1e9;

    /** Rows divided by their L2 norm (at least 1e-12). */
    public static INDArray l2Normalize(INDArray z) {
        INDArray norms = Transforms.max(z.norm2(true, 1), NORMALIZE_EPS, false);
        return z.divColumnVector(norms);
    }

    /** Cosine-similarity logits {@code a b^T / T}; with {@code normalize=false} the raw dot products. */
    public static INDArray similarityLogits(INDArray a, INDArray b, double temperature, boolean normalize) {
        INDArray x = normalize ? l2Normalize(a) : a;
        INDArray y = normalize ? l2Normalize(b) : b;
        return x.mmul(y.transpose()).divi(temperature);
    }

    /** InfoNCE: row i of {@code a} must pick row i of {@code b} among all rows of {@code b}. */
    public static INDArray infoNce(INDArray a, INDArray b, double temperature, boolean normalize,
                                   Reduction reduction) {
        INDArray logits = similarityLogits(a, b, temperature, normalize);
        return CrossEntropy.fromLogits(logits, arange((int) a.size(0)), reduction);
    }

    /**
     * NT-Xent (SimCLR) over the 2N views {@code [a; b]}: each view must pick its partner among the
     * other 2N - 1 views (itself excluded), cosine similarity over temperature.
     */
    public static INDArray ntXent(INDArray a, INDArray b, double temperature, Reduction reduction) {
        int n = (int) a.size(0);
        INDArray z = l2Normalize(Nd4j.vstack(a, b));
        INDArray sim = z.mmul(z.transpose()).divi(temperature);
        for (int i = 0; i < 2 * n; i++) {
            // excluded: far below any similarity (|sim| <= 1/T), so exp underflows to exactly 0; a finite
            // value, because -inf would make 0 * -inf = NaN in the one-hot product
            sim.putScalar(i, i, SELF_MASK);
        }
        int[] targets = new int[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            targets[i] = (i + n) % (2 * n);
        }
        return CrossEntropy.fromLogits(sim, targets, reduction);
    }

    /** {@code max(d(a, p) - d(a, n) + margin, 0)} with {@code d(x, y) = ||x - y + 1e-6||_2}. */
    public static INDArray tripletMargin(INDArray anchor, INDArray positive, INDArray negative, double margin,
                                         Reduction reduction) {
        INDArray dp = anchor.sub(positive).addi(PAIRWISE_EPS).norm2(1);
        INDArray dn = anchor.sub(negative).addi(PAIRWISE_EPS).norm2(1);
        return reduction.apply(Transforms.relu(dp.subi(dn).addi(margin), false));
    }

    private static int[] arange(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
