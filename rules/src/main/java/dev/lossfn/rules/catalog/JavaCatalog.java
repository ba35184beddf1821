package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.FrameworkCatalog;
import dev.lossfn.core.analysis.Kind;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Java frameworks' calls produce: ND4J's {@code Transforms} (sigmoid, softmax, log, exp;
 * {@code org/nd4j/linalg/ops/transforms/Transforms.java}), SameDiff's {@code sd.nn()} ops
 * ({@code org/nd4j/autodiff/samediff/ops/SDNN.java}: sigmoid, softmax, logSoftmax), DJL's
 * {@code ai.djl.nn.Activation} and {@code NDArray} ({@code softmax}, {@code logSoftmax}), and the
 * names of DL4J's layer builders, activations and loss functions
 * ({@code org/deeplearning4j/nn/conf/layers/*}, {@code org/nd4j/linalg/activations/Activation.java},
 * {@code org/nd4j/linalg/lossfunctions/LossFunctions.java}), so that wildcard imports resolve.
 */
public final class JavaCatalog implements FrameworkCatalog {

    static final String TRANSFORMS = "org.nd4j.linalg.ops.transforms.Transforms";

    static final Map<String, Kind> FUNCTIONS = Map.of(
            TRANSFORMS + ".sigmoid", Kind.SIGMOID_PROB,
            TRANSFORMS + ".softmax", Kind.SOFTMAX_PROB,
            "ai.djl.nn.Activation.sigmoid", Kind.SIGMOID_PROB);

    /** Method names of SameDiff ({@code sd.nn().softmax(x)}) and DJL ({@code x.logSoftmax(1)}) that produce kinds. */
    static final Map<String, Kind> METHODS = Map.of(
            "logSoftmax", Kind.LOG_PROB,
            "logSigmoid", Kind.LOG_PROB);

    /** DL4J layer builders: the output layers LF701 checks, and dense layers for LF108. */
    public static final Set<String> OUTPUT_LAYER_BUILDERS = Set.of(
            "org.deeplearning4j.nn.conf.layers.OutputLayer.Builder",
            "org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder",
            "org.deeplearning4j.nn.conf.layers.LossLayer.Builder",
            "org.deeplearning4j.nn.conf.layers.CnnLossLayer.Builder",
            "org.deeplearning4j.nn.conf.layers.RnnLossLayer.Builder",
            "org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer.Builder");
    public static final Set<String> DENSE_LAYER_BUILDERS = Set.of(
            "org.deeplearning4j.nn.conf.layers.DenseLayer.Builder");

    static final String ACTIVATION = "org.nd4j.linalg.activations.Activation";
    static final String LOSS_FUNCTION = "org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction";

    static final Set<String> ACTIVATIONS = Set.of("CUBE", "ELU", "HARDSIGMOID", "HARDTANH", "IDENTITY", "LEAKYRELU",
            "RATIONALTANH", "RELU", "RELU6", "RRELU", "SIGMOID", "SOFTMAX", "SOFTPLUS", "SOFTSIGN", "TANH",
            "RECTIFIEDTANH", "SELU", "SWISH", "THRESHOLDEDRELU", "GELU", "MISH", "PRELU");
    static final Set<String> LOSS_FUNCTIONS = Set.of("MSE", "L1", "XENT", "MCXENT", "SPARSE_MCXENT", "SQUARED_LOSS",
            "RECONSTRUCTION_CROSSENTROPY", "NEGATIVELOGLIKELIHOOD", "COSINE_PROXIMITY", "HINGE", "SQUARED_HINGE",
            "KL_DIVERGENCE", "MEAN_ABSOLUTE_ERROR", "L2", "MEAN_ABSOLUTE_PERCENTAGE_ERROR",
            "MEAN_SQUARED_LOGARITHMIC_ERROR", "POISSON", "WASSERSTEIN");

    private static final Set<String> KNOWN = new HashSet<>();

    static {
        KNOWN.addAll(FUNCTIONS.keySet());
        for (String b : OUTPUT_LAYER_BUILDERS) {
            KNOWN.add(b.substring(0, b.length() - ".Builder".length()));
        }
        for (String b : DENSE_LAYER_BUILDERS) {
            KNOWN.add(b.substring(0, b.length() - ".Builder".length()));
        }
        KNOWN.add(ACTIVATION);
        KNOWN.add("org.nd4j.linalg.lossfunctions.LossFunctions");
        KNOWN.add(LOSS_FUNCTION);
        KNOWN.add(TRANSFORMS);
        ACTIVATIONS.forEach(a -> KNOWN.add(ACTIVATION + "." + a));
        LOSS_FUNCTIONS.forEach(l -> KNOWN.add(LOSS_FUNCTION + "." + l));
        for (String f : Set.of("log", "exp", "sqrt", "max", "min", "pow", "abs", "sigmoid", "softmax", "tanh")) {
            KNOWN.add(TRANSFORMS + "." + f);
        }
        // loss and activation implementation classes, for wildcard imports of their packages
        KNOWN.addAll(Dl4jLayers.LOSS_CLASSES.keySet());
        KNOWN.addAll(Dl4jLayers.ACTIVATION_CLASSES.keySet());
    }

    @Override
    public Optional<Kind> functionProduces(String q) {
        return Optional.ofNullable(FUNCTIONS.get(q));
    }

    @Override
    public Optional<Kind> methodProduces(String method) {
        return Optional.ofNullable(METHODS.get(method));
    }

    @Override
    public boolean methodKeepsKind(String method) {
        return Set.of("dup", "castTo", "reshape", "permute", "transpose", "detach").contains(method);
    }

    @Override
    public boolean knows(String q) {
        return KNOWN.contains(q);
    }

    @Override
    public boolean isClass(String q) {
        int dot = q.lastIndexOf('.');
        String last = q.substring(dot + 1);
        return !last.isEmpty() && Character.isUpperCase(last.charAt(0)) && !last.equals(last.toUpperCase());
    }

    /** The enum constant name of an activation reference ({@code SOFTMAX}), or null. */
    public static String activationName(String q) {
        return q != null && q.startsWith(ACTIVATION + ".") ? q.substring(ACTIVATION.length() + 1) : null;
    }

    /** The enum constant name of a DL4J loss function reference ({@code MCXENT}), or null. */
    public static String lossName(String q) {
        return q != null && q.startsWith(LOSS_FUNCTION + ".") ? q.substring(LOSS_FUNCTION.length() + 1) : null;
    }
}
