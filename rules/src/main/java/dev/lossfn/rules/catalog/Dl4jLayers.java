package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.model.Expr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DL4J layer builder chains: {@code new OutputLayer.Builder(LossFunction.MCXENT).nOut(10)
 * .activation(Activation.SOFTMAX).build()}, read from the construction up through the calls made on
 * it, with the loss function, activation and {@code nOut} resolved to enum constant names and
 * literals where they can be.
 */
public final class Dl4jLayers {

    /**
     * One builder chain. {@code loss} and {@code activation} are enum constant names ({@code MCXENT},
     * {@code SOFTMAX}) or null when not set in the chain or not resolvable; {@code nOut} is the literal
     * text or null.
     */
    public record Chain(CallSite construction, String builder, String loss, String activation, String nOut,
                        Expr activationArgument) {
        public boolean isLossLayer() {
            return builder.contains(".LossLayer.") || builder.contains(".CnnLossLayer.") || builder.contains(".RnnLossLayer.");
        }
    }

    /** Loss implementation classes and the enum constant each corresponds to (ILossFunction objects). */
    static final Map<String, String> LOSS_CLASSES = Map.of(
            "org.nd4j.linalg.lossfunctions.impl.LossMCXENT", "MCXENT",
            "org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood", "NEGATIVELOGLIKELIHOOD",
            "org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT", "XENT",
            "org.nd4j.linalg.lossfunctions.impl.LossMSE", "MSE",
            "org.nd4j.linalg.lossfunctions.impl.LossL1", "L1",
            "org.nd4j.linalg.lossfunctions.impl.LossKLD", "KL_DIVERGENCE");

    /** Activation implementation classes ({@code new ActivationSoftmax()}). */
    static final Map<String, String> ACTIVATION_CLASSES = Map.of(
            "org.nd4j.linalg.activations.impl.ActivationSoftmax", "SOFTMAX",
            "org.nd4j.linalg.activations.impl.ActivationSigmoid", "SIGMOID",
            "org.nd4j.linalg.activations.impl.ActivationIdentity", "IDENTITY",
            "org.nd4j.linalg.activations.impl.ActivationReLU", "RELU",
            "org.nd4j.linalg.activations.impl.ActivationTanH", "TANH");

    private Dl4jLayers() {}

    /** The builder chains of a module (computed once). */
    public static List<Chain> chains(ModuleInfo module, Evaluator ev) {
        return module.memo(Dl4jLayers.class, () -> {
            Map<Expr.Call, CallSite> calledOn = new IdentityHashMap<>();
            for (CallSite cs : module.callSites()) {
                if (cs.call().callee() instanceof Expr.Attribute a && a.receiver() instanceof Expr.Call r) {
                    calledOn.put(r, cs);
                }
            }
            // Builders kept in a variable and configured statement by statement:
            // OutputLayer.Builder b = new OutputLayer.Builder(...); b.activation(...);
            Map<Expr.Call, List<CallSite>> later = new IdentityHashMap<>();
            for (CallSite cs : module.callSites()) {
                if (cs.call().callee() instanceof Expr.Attribute a && a.receiver() instanceof Expr.Name v
                        && CONFIGURING.contains(a.name())) {
                    Expr def = ev.assignedValueOf(v, cs.scope(), cs.site());
                    while (def instanceof Expr.Call c && c.callee() instanceof Expr.Attribute ca
                            && ca.receiver() instanceof Expr.Call inner) {
                        def = inner;
                    }
                    if (def instanceof Expr.Call bottom) {
                        later.computeIfAbsent(bottom, k -> new ArrayList<>()).add(cs);
                    }
                }
            }
            List<Chain> out = new ArrayList<>();
            for (CallSite cs : module.callSites()) {
                String builder = ev.qualifiedName(cs.call().callee(), cs.scope(), cs.site());
                if (builder == null || !JavaCatalog.OUTPUT_LAYER_BUILDERS.contains(builder)
                        && !JavaCatalog.DENSE_LAYER_BUILDERS.contains(builder)) {
                    continue;
                }
                String loss = cs.call().args().isEmpty() ? null : lossName(cs.call().args().get(0).value(), cs, ev);
                String activation = null;
                String nOut = null;
                Expr activationArg = null;
                List<CallSite> configuring = new ArrayList<>();
                for (CallSite cur = calledOn.get(cs.call()); cur != null; cur = calledOn.get(cur.call())) {
                    configuring.add(cur);
                    if (((Expr.Attribute) cur.call().callee()).name().equals("build")) {
                        break;
                    }
                }
                configuring.addAll(later.getOrDefault(cs.call(), List.of()));
                for (CallSite cur : configuring) {
                    String m = ((Expr.Attribute) cur.call().callee()).name();
                    Expr arg = cur.call().args().isEmpty() ? null : cur.call().args().get(cur.call().args().size() - 1).value();
                    switch (m) {
                        case "lossFunction", "lossFn" -> loss = arg == null ? null : lossName(arg, cur, ev);
                        case "activation" -> {
                            activation = arg == null ? null : activationName(arg, cur, ev);
                            activationArg = arg;
                        }
                        case "nOut" -> nOut = arg == null ? null
                                : ev.eval(arg, cur) instanceof Value.Constant c ? c.text() : null;
                        default -> { }
                    }
                }
                out.add(new Chain(cs, builder, loss, activation, nOut, activationArg));
            }
            return out;
        });
    }

    private static String lossName(Expr e, CallSite at, Evaluator ev) {
        Value v = ev.eval(e, at);
        if (v instanceof Value.Ref r) {
            return JavaCatalog.lossName(r.qualifiedName());
        }
        if (v instanceof Value.Instance i && i.libraryClass() != null) {
            return LOSS_CLASSES.get(i.libraryClass());
        }
        return null;
    }

    private static String activationName(Expr e, CallSite at, Evaluator ev) {
        Value v = ev.eval(e, at);
        if (v instanceof Value.Ref r) {
            return JavaCatalog.activationName(r.qualifiedName());
        }
        if (v instanceof Value.Instance i && i.libraryClass() != null) {
            return ACTIVATION_CLASSES.get(i.libraryClass());
        }
        if (v instanceof Value.Constant c && c.text().startsWith("\"")) {
            return c.text().replace("\"", "").toUpperCase(java.util.Locale.ROOT); // .activation("softmax")
        }
        return null;
    }

    /** Builder methods that set what the rules look at. */
    static final Set<String> CONFIGURING = Set.of("activation", "lossFunction", "lossFn", "nOut");

    /** Losses DL4J's OutputLayerUtil validates as expecting probabilities. */
    public static final Set<String> PROBABILITY_LOSSES = Set.of("MCXENT", "NEGATIVELOGLIKELIHOOD", "XENT");

    /**
     * Activations whose output is not in [0, 1] (OutputLayerUtil's list: IActivation implementations
     * outside that range).
     */
    public static final Set<String> NON_PROBABILITY_ACTIVATIONS = Set.of("CUBE", "ELU", "HARDTANH", "IDENTITY",
            "LEAKYRELU", "RATIONALTANH", "RELU", "RELU6", "RRELU", "SELU", "SOFTPLUS", "SOFTSIGN", "SWISH", "TANH",
            "THRESHOLDEDRELU", "PRELU", "RECTIFIEDTANH", "GELU", "MISH");
}
