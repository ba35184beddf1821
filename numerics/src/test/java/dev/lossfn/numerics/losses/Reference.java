package dev.lossfn.numerics.losses;

/**
 * Independent float64 references, written from the closed forms with plain Java loops and
 * {@link Math}; nothing here calls ND4J or the code under test.
 */
final class Reference {
    private Reference() {}

    /** {@code log(1 + e^x)}, exact in double for every finite x. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double logSigmoid(double x) {
        return -softplus(-x);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** {@code -[pw y log s(x) + (1 - y) log(1 - s(x))]}. */
    static double bceWithLogits(double x, double y, double posWeight) {
        return -(posWeight * y * logSigmoid(x) + (1 - y) * logSigmoid(-x));
    }

    static double[] logSoftmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        double lse = m + Math.log(s);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - lse;
        }
        return out;
    }

    /**
     * PyTorch cross_entropy per sample: {@code (1 - s) w[y] (-logp[y]) + s / C sum_c w[c] (-logp[c])},
     * 0 for an ignored sample.
     */
    static double[] crossEntropy(double[][] z, int[] t, double[] w, double smoothing, int ignore) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            if (t[i] == ignore) {
                continue;
            }
            double[] lp = logSoftmax(z[i]);
            int c = lp.length;
            double smooth = 0;
            for (int k = 0; k < c; k++) {
                smooth -= (w == null ? 1 : w[k]) * lp[k];
            }
            out[i] = (1 - smoothing) * -(w == null ? 1 : w[t[i]]) * lp[t[i]] + smoothing / c * smooth;
        }
        return out;
    }

    /** The PyTorch mean: the per-sample sum divided by the summed weight of the kept targets. */
    static double crossEntropyMean(double[][] z, int[] t, double[] w, double smoothing, int ignore) {
        double[] per = crossEntropy(z, t, w, smoothing, ignore);
        double num = 0;
        double den = 0;
        for (int i = 0; i < per.length; i++) {
            if (t[i] != ignore) {
                num += per[i];
                den += w == null ? 1 : w[t[i]];
            }
        }
        return num / den;
    }

    static double focal(double x, double y, double alpha, double gamma) {
        double p = sigmoid(x);
        double pt = p * y + (1 - p) * (1 - y);
        double a = alpha < 0 ? 1 : alpha * y + (1 - alpha) * (1 - y);
        return a * Math.pow(1 - pt, gamma) * bceWithLogits(x, y, 1);
    }

    static double smoothL1(double d, double beta) {
        double a = Math.abs(d);
        return a < beta ? 0.5 * d * d / beta : a - 0.5 * beta;
    }

    static double huber(double d, double delta) {
        double a = Math.abs(d);
        return a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
    }

    static double dice(double[] p, double[] t, double smooth) {
        double i = 0;
        double sp = 0;
        double st = 0;
        for (int k = 0; k < p.length; k++) {
            i += p[k] * t[k];
            sp += p[k];
            st += t[k];
        }
        return 1 - (2 * i + smooth) / (sp + st + smooth);
    }

    static double softIou(double[] p, double[] t, double smooth) {
        double i = 0;
        double sp = 0;
        double st = 0;
        for (int k = 0; k < p.length; k++) {
            i += p[k] * t[k];
            sp += p[k];
            st += t[k];
        }
        return 1 - (i + smooth) / (sp + st - i + smooth);
    }

    /** {1 - IoU, 1 - GIoU} of two boxes (x1, y1, x2, y2), areas with +1e-7 as torchvision. */
    static double[] boxLosses(double[] a, double[] b) {
        double iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = iw * ih;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter + 1e-7;
        double iou = inter / union;
        double c = (Math.max(a[2], b[2]) - Math.min(a[0], b[0])) * (Math.max(a[3], b[3]) - Math.min(a[1], b[1])) + 1e-7;
        return new double[] {1 - iou, 1 - (iou - (c - union) / c)};
    }

    static double[] normalize(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.max(Math.sqrt(n), 1e-12);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / n;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** InfoNCE per anchor: -log softmax_j(a_i . b_j / T)[i], on normalised rows. */
    static double[] infoNce(double[][] a, double[][] b, double temperature) {
        int n = a.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = new double[n];
            for (int j = 0; j < n; j++) {
                row[j] = dot(normalize(a[i]), normalize(b[j])) / temperature;
            }
            out[i] = -logSoftmax(row)[i];
        }
        return out;
    }

    /** NT-Xent over the 2N views, the mean over all views. */
    static double ntXent(double[][] a, double[][] b, double temperature) {
        int n = a.length;
        double[][] z = new double[2 * n][];
        for (int i = 0; i < n; i++) {
            z[i] = normalize(a[i]);
            z[i + n] = normalize(b[i]);
        }
        double total = 0;
        for (int i = 0; i < 2 * n; i++) {
            int pos = (i + n) % (2 * n);
            double m = Double.NEGATIVE_INFINITY;
            double[] s = new double[2 * n];
            for (int j = 0; j < 2 * n; j++) {
                s[j] = dot(z[i], z[j]) / temperature;
                if (j != i) {
                    m = Math.max(m, s[j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < 2 * n; j++) {
                if (j != i) {
                    sum += Math.exp(s[j] - m);
                }
            }
            total += m + Math.log(sum) - s[pos];
        }
        return total / (2 * n);
    }

    static double triplet(double[] a, double[] p, double[] n, double margin) {
        double dp = 0;
        double dn = 0;
        for (int i = 0; i < a.length; i++) {
            dp += Math.pow(a[i] - p[i] + 1e-6, 2);
            dn += Math.pow(a[i] - n[i] + 1e-6, 2);
        }
        return Math.max(Math.sqrt(dp) - Math.sqrt(dn) + margin, 0);
    }

    static double kl(double logInput, double target) {
        return target == 0 ? 0 : target * (Math.log(target) - logInput);
    }

    /** CTC by brute force: the sum over every path of length T whose collapse is the target. */
    static double ctcBruteForce(double[][] probs, int[] target) {
        int t = probs.length;
        int c = probs[0].length;
        int[] path = new int[t];
        double total = 0;
        long count = (long) Math.pow(c, t);
        for (long code = 0; code < count; code++) {
            long k = code;
            double p = 1;
            for (int i = 0; i < t; i++) {
                path[i] = (int) (k % c);
                k /= c;
                p *= probs[i][path[i]];
            }
            if (java.util.Arrays.equals(collapse(path), target)) {
                total += p;
            }
        }
        return -Math.log(total);
    }

    private static int[] collapse(int[] path) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        int prev = -1;
        for (int s : path) {
            if (s != prev && s != 0) {
                out.add(s);
            }
            prev = s;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Valid 1-D cross-correlations, each followed by ReLU. */
    static double[] convStack(double[] x, java.util.List<double[]> kernels) {
        double[] h = x;
        for (double[] k : kernels) {
            double[] out = new double[h.length - k.length + 1];
            for (int j = 0; j < out.length; j++) {
                double s = 0;
                for (int i = 0; i < k.length; i++) {
                    s += k[i] * h[j + i];
                }
                out[j] = Math.max(s, 0);
            }
            h = out;
        }
        return h;
    }
}
