package dev.lossfn.numerics.losses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every stable loss against the float64 closed forms of {@link Reference}, on random inputs from a
 * fixed seed plus extreme inputs (|logit| up to 200, where the float32 naive forms have long broken).
 * Tolerances: |actual - expected| <= abs + rel |expected|, with abs = rel = 1e-5 in float32 and
 * abs = 1e-12, rel = 1e-10 in float64. The reference uses the inputs as rounded to the data type.
 */
class LossesTest {
    enum Type {
        FLOAT(DataType.FLOAT, 1e-5, 1e-5), DOUBLE(DataType.DOUBLE, 1e-12, 1e-10);

        final DataType dt;
        final double abs;
        final double rel;

        Type(DataType dt, double abs, double rel) {
            this.dt = dt;
            this.abs = abs;
            this.rel = rel;
        }

        double round(double v) {
            return this == FLOAT ? (float) v : v;
        }

        double[] round(double[] v) {
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                r[i] = round(v[i]);
            }
            return r;
        }

        double[][] round(double[][] v) {
            double[][] r = new double[v.length][];
            for (int i = 0; i < v.length; i++) {
                r[i] = round(v[i]);
            }
            return r;
        }

        INDArray arr(double[] v) {
            return Nd4j.createFromArray(v).castTo(dt);
        }

        INDArray arr(double[][] v) {
            return Nd4j.createFromArray(v).castTo(dt);
        }

        void close(double actual, double expected, String what) {
            assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs reference " + expected)
                    .isLessThanOrEqualTo(abs + rel * Math.abs(expected));
        }
    }

    static final long SEED = 20240611L;
    static final double[] EXTREME_LOGITS = {-200, -104, -89, -30, -17, -1e-3, 0, 1e-3, 17, 30, 89, 104, 200};

    static double[] gaussian(Random r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * scale;
        }
        return v;
    }

    static double[][] gaussian(Random r, int n, int m, double scale) {
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            v[i] = gaussian(r, m, scale);
        }
        return v;
    }

    static double[] labels(Random r, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextBoolean() ? 1 : 0;
        }
        return y;
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** Checks NONE element-wise, and MEAN and SUM, against per-element references. */
    static void checkReductions(Type t, java.util.function.Function<Reduction, INDArray> loss, double[] ref, String what) {
        INDArray none = loss.apply(Reduction.NONE);
        assertThat(none.length()).isEqualTo(ref.length);
        for (int i = 0; i < ref.length; i++) {
            t.close(none.getDouble(i), ref[i], what + " [" + i + "]");
        }
        t.close(loss.apply(Reduction.SUM).getDouble(0), sum(ref), what + " sum");
        t.close(loss.apply(Reduction.MEAN).getDouble(0), sum(ref) / ref.length, what + " mean");
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void bceWithLogitsMatchesTheClosedFormIncludingExtremeLogitsAndPosWeight(Type t) {
        Random r = new Random(SEED);
        double[] x = concat(t.round(gaussian(r, 40, 4)), EXTREME_LOGITS);
        double[] y = labels(r, x.length);
        for (double pw : new double[] {1.0, 3.0}) {
            double[] ref = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                ref[i] = Reference.bceWithLogits(x[i], y[i], pw);
            }
            checkReductions(t, red -> BinaryCrossEntropy.withLogits(t.arr(x), t.arr(y), pw, red), ref, "bce pw=" + pw);
        }
        INDArray g = BinaryCrossEntropy.withLogitsGradient(t.arr(x), t.arr(y));
        for (int i = 0; i < x.length; i++) {
            t.close(g.getDouble(i), Reference.sigmoid(x[i]) - y[i], "gradient at " + x[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void crossEntropyMatchesPyTorchsDefinitionWithWeightSmoothingAndIgnoreIndex(Type t) {
        Random r = new Random(SEED + 1);
        int n = 12;
        int c = 5;
        double[][] z = t.round(gaussian(r, n, c, 3));
        z[0] = t.round(new double[] {200, -200, 0, 104, -104});
        z[1] = t.round(new double[] {-104, 104, 89, -89, 0});
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = r.nextInt(c);
        }
        target[3] = -100;
        double[] w = {0.5, 1.0, 2.0, 1.5, 0.25};
        for (double[] weight : new double[][] {null, w}) {
            for (double s : new double[] {0.0, 0.1}) {
                for (int ignore : new int[] {CrossEntropy.NO_IGNORE, -100}) {
                    int[] tg = ignore == -100 ? target : target.clone();
                    if (ignore != -100) {
                        tg[3] = 0;
                    }
                    String what = "ce w=" + (weight != null) + " s=" + s + " ignore=" + ignore;
                    double[] ref = Reference.crossEntropy(z, tg, weight, s, ignore);
                    INDArray none = CrossEntropy.fromLogits(t.arr(z), tg, weight, s, ignore, Reduction.NONE);
                    for (int i = 0; i < n; i++) {
                        t.close(none.getDouble(i), ref[i], what + " [" + i + "]");
                    }
                    t.close(CrossEntropy.fromLogits(t.arr(z), tg, weight, s, ignore, Reduction.SUM).getDouble(0),
                            sum(ref), what + " sum");
                    t.close(CrossEntropy.fromLogits(t.arr(z), tg, weight, s, ignore, Reduction.MEAN).getDouble(0),
                            Reference.crossEntropyMean(z, tg, weight, s, ignore), what + " mean");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void crossEntropyGradientIsSoftmaxMinusOneHotOverN(Type t) {
        Random r = new Random(SEED + 2);
        double[][] z = t.round(gaussian(r, 6, 4, 5));
        int[] tg = {0, 1, 2, 3, 0, 1};
        INDArray g = CrossEntropy.gradient(t.arr(z), tg);
        for (int i = 0; i < z.length; i++) {
            double[] lp = Reference.logSoftmax(z[i]);
            for (int k = 0; k < 4; k++) {
                t.close(g.getDouble(i, k), (Math.exp(lp[k]) - (k == tg[i] ? 1 : 0)) / z.length, "dCE/dz");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void regressionLosses(Type t) {
        Random r = new Random(SEED + 3);
        double[] a = t.round(gaussian(r, 30, 2));
        double[] b = t.round(gaussian(r, 30, 2));
        double[] mse = new double[a.length];
        double[] sl1 = new double[a.length];
        double[] hub = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            mse[i] = d * d;
            sl1[i] = Reference.smoothL1(d, 0.5);
            hub[i] = Reference.huber(d, 1.5);
        }
        checkReductions(t, red -> Regression.mse(t.arr(a), t.arr(b), red), mse, "mse");
        checkReductions(t, red -> Regression.smoothL1(t.arr(a), t.arr(b), 0.5, red), sl1, "smooth l1");
        checkReductions(t, red -> Regression.huber(t.arr(a), t.arr(b), 1.5, red), hub, "huber");
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void focalLoss(Type t) {
        Random r = new Random(SEED + 4);
        double[] x = concat(t.round(gaussian(r, 30, 3)), EXTREME_LOGITS);
        double[] y = labels(r, x.length);
        for (double[] ag : new double[][] {{0.25, 2}, {-1, 0}, {0.75, 5}}) {
            double[] ref = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                ref[i] = Reference.focal(x[i], y[i], ag[0], ag[1]);
            }
            checkReductions(t, red -> Focal.sigmoidFocal(t.arr(x), t.arr(y), ag[0], ag[1], red), ref,
                    "focal alpha=" + ag[0] + " gamma=" + ag[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void overlapLosses(Type t) {
        Random r = new Random(SEED + 5);
        int n = 6;
        int k = 20;
        double[][] p = new double[n][k];
        double[][] g = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                p[i][j] = t.round(r.nextDouble());
                g[i][j] = r.nextDouble() < 0.3 ? 1 : 0;
            }
        }
        for (double smooth : new double[] {0.0, 1.0}) {
            double[] dice = new double[n];
            double[] iou = new double[n];
            for (int i = 0; i < n; i++) {
                dice[i] = Reference.dice(p[i], g[i], smooth);
                iou[i] = Reference.softIou(p[i], g[i], smooth);
            }
            checkReductions(t, red -> Overlap.dice(t.arr(p), t.arr(g), smooth, red), dice, "dice smooth=" + smooth);
            checkReductions(t, red -> Overlap.iou(t.arr(p), t.arr(g), smooth, red), iou, "iou smooth=" + smooth);
        }
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = box(r, t);
            b[i] = box(r, t);
        }
        b[0] = new double[] {100, 100, 101, 101};
        double[] iouRef = new double[n];
        double[] giouRef = new double[n];
        for (int i = 0; i < n; i++) {
            double[] l = Reference.boxLosses(a[i], b[i]);
            iouRef[i] = l[0];
            giouRef[i] = l[1];
        }
        checkReductions(t, red -> Overlap.boxIou(t.arr(a), t.arr(b), red), iouRef, "box iou");
        checkReductions(t, red -> Overlap.boxGiou(t.arr(a), t.arr(b), red), giouRef, "box giou");
    }

    static double[] box(Random r, Type t) {
        double x = r.nextDouble() * 10;
        double y = r.nextDouble() * 10;
        return t.round(new double[] {x, y, x + 0.5 + r.nextDouble() * 5, y + 0.5 + r.nextDouble() * 5});
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void contrastiveLosses(Type t) {
        Random r = new Random(SEED + 6);
        double[][] a = t.round(gaussian(r, 8, 6, 1));
        double[][] b = t.round(gaussian(r, 8, 6, 1));
        double[][] c = t.round(gaussian(r, 8, 6, 1));
        for (double temp : new double[] {0.07, 0.5}) {
            checkReductions(t, red -> Contrastive.infoNce(t.arr(a), t.arr(b), temp, true, red),
                    Reference.infoNce(a, b, temp), "infoNCE T=" + temp);
            t.close(Contrastive.ntXent(t.arr(a), t.arr(b), temp, Reduction.MEAN).getDouble(0),
                    Reference.ntXent(a, b, temp), "NT-Xent T=" + temp);
        }
        double[] trip = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            trip[i] = Reference.triplet(a[i], b[i], c[i], 1.0);
        }
        checkReductions(t, red -> Contrastive.tripletMargin(t.arr(a), t.arr(b), t.arr(c), 1.0, red), trip, "triplet");
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void klDivergenceWithZeroTargets(Type t) {
        Random r = new Random(SEED + 7);
        double[][] z = gaussian(r, 4, 5, 2);
        double[][] logIn = new double[4][];
        double[][] target = new double[4][];
        for (int i = 0; i < 4; i++) {
            logIn[i] = t.round(Reference.logSoftmax(z[i]));
            double[] q = Reference.logSoftmax(gaussian(r, 5, 2));
            target[i] = new double[5];
            for (int k = 0; k < 5; k++) {
                target[i][k] = t.round(k == i ? 0 : Math.exp(q[k]));
            }
        }
        double[] ref = new double[20];
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 5; k++) {
                ref[i * 5 + k] = Reference.kl(logIn[i][k], target[i][k]);
            }
        }
        checkReductions(t, red -> Divergence.kl(t.arr(logIn), t.arr(target), red).reshape(-1), ref, "kl");
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void adversarialLosses(Type t) {
        Random r = new Random(SEED + 8);
        double[] real = t.round(gaussian(r, 16, 2));
        double[] fake = t.round(gaussian(r, 16, 2));
        double hinge = 0;
        for (int i = 0; i < 16; i++) {
            hinge += Math.max(0, 1 - real[i]) / 16 + Math.max(0, 1 + fake[i]) / 16;
        }
        t.close(Adversarial.wassersteinCritic(t.arr(real), t.arr(fake)).getDouble(0), sum(fake) / 16 - sum(real) / 16,
                "wasserstein critic");
        t.close(Adversarial.generator(t.arr(fake)).getDouble(0), -sum(fake) / 16, "generator");
        t.close(Adversarial.hingeDiscriminator(t.arr(real), t.arr(fake)).getDouble(0), hinge, "hinge");
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void ctcInLogSpaceEqualsTheSumOverAllAlignments(Type t) {
        Random r = new Random(SEED + 9);
        int[][] targets = {{1}, {1, 2}, {2, 2}, {1, 2, 1}};
        for (int[] target : targets) {
            double[][] lp = new double[6][];
            double[][] probs = new double[6][];
            for (int s = 0; s < 6; s++) {
                lp[s] = t.round(Reference.logSoftmax(gaussian(r, 3, 1.5)));
                probs[s] = new double[3];
                for (int k = 0; k < 3; k++) {
                    probs[s][k] = Math.exp(lp[s][k]);
                }
            }
            double ref = Reference.ctcBruteForce(probs, target);
            t.close(Ctc.logSpace(t.arr(lp), target), ref, "ctc log space " + java.util.Arrays.toString(target));
            t.close(Ctc.probabilitySpace(t.arr(lp), target), ref, "ctc probability space, short sequence");
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void ctcBatchReductionDividesByTargetLengthForTheMean(Type t) {
        Random r = new Random(SEED + 10);
        INDArray[] lps = new INDArray[2];
        int[][] targets = {{1, 2}, {2}};
        double[] per = new double[2];
        for (int b = 0; b < 2; b++) {
            double[][] lp = new double[5][];
            double[][] probs = new double[5][];
            for (int s = 0; s < 5; s++) {
                lp[s] = t.round(Reference.logSoftmax(gaussian(r, 3, 1)));
                probs[s] = new double[3];
                for (int k = 0; k < 3; k++) {
                    probs[s][k] = Math.exp(lp[s][k]);
                }
            }
            lps[b] = t.arr(lp);
            per[b] = Reference.ctcBruteForce(probs, targets[b]);
        }
        INDArray none = Ctc.batch(lps, targets, Reduction.NONE);
        t.close(none.getDouble(0), per[0], "ctc none [0]");
        t.close(none.getDouble(1), per[1], "ctc none [1]");
        t.close(Ctc.batch(lps, targets, Reduction.SUM).getDouble(0), per[0] + per[1], "ctc sum");
        t.close(Ctc.batch(lps, targets, Reduction.MEAN).getDouble(0), (per[0] / 2 + per[1] / 1) / 2, "ctc mean");
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void perceptualLossThroughAFixedConvolutionStack(Type t) {
        Random r = new Random(SEED + 11);
        ConvStack stack = new ConvStack(List.of(new double[] {0.5, -1.0, 0.25}, new double[] {1.0, 0.5}));
        double[][] x = t.round(gaussian(r, 3, 12, 1));
        double[][] y = t.round(gaussian(r, 3, 12, 1));
        double[] ref = new double[3 * 9];
        for (int i = 0; i < 3; i++) {
            double[] fx = Reference.convStack(x[i], stack.kernels());
            double[] fy = Reference.convStack(y[i], stack.kernels());
            assertThat(fx).hasSize(9);
            for (int j = 0; j < 9; j++) {
                ref[i * 9 + j] = (fx[j] - fy[j]) * (fx[j] - fy[j]);
            }
        }
        checkReductions(t, red -> Perceptual.loss(t.arr(x), t.arr(y), stack, red).reshape(-1), ref, "perceptual");
    }

    static double[] concat(double[] a, double[] b) {
        double[] r = new double[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
