package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DJL: blocks that end in a sigmoid or softmax, and the default losses that apply one themselves.
 * From deepjavalibrary/djl {@code api/src/main/java/ai/djl/training/loss/Loss.java}:
 * {@code Loss.sigmoidBinaryCrossEntropyLoss()} builds {@code SigmoidBinaryCrossEntropyLoss(name, 1,
 * fromSigmoid=false)}, which applies the sigmoid to its input; {@code Loss.softmaxCrossEntropyLoss()}
 * builds {@code SoftmaxCrossEntropyLoss(name, 1, -1, true, fromLogit=true)}, which applies
 * {@code logSoftmax} (older releases defaulted to {@code fromLogit=false} meaning "apply softmax().log()":
 * the default factory applies a softmax in every release). The meaning of an explicit {@code fromLogit}
 * changed between releases, so only the default factories are judged, and only when the project
 * declares a DJL version (its {@code pom.xml} or {@code build.gradle}); otherwise lossfn stays silent.
 */
public final class Djl {
    static final String ACTIVATION = "ai.djl.nn.Activation";
    static final String LOSS = "ai.djl.training.loss.Loss";
    static final Map<String, Kind> DEFAULT_LOSSES = Map.of(
            LOSS + ".sigmoidBinaryCrossEntropyLoss", Kind.SIGMOID_PROB,
            LOSS + ".softmaxCrossEntropyLoss", Kind.SOFTMAX_PROB);

    private static final Pattern MAVEN = Pattern.compile(
            "<groupId>\\s*ai\\.djl\\s*</groupId>\\s*<artifactId>[^<]+</artifactId>\\s*<version>\\s*([^<\\s]+)\\s*</version>");
    private static final Pattern GRADLE = Pattern.compile("[\"']ai\\.djl(?:\\.[\\w-]+)?:[\\w-]+:([\\w.\\-]+)[\"']");
    private static final Map<Path, Optional<String>> VERSIONS = new ConcurrentHashMap<>();

    /** A block whose last layer applies a sigmoid or softmax: the {@code .add(...)} call and its kind. */
    public record Block(Expr.Call lastAdd, Kind kind) {}

    /** A default-factory loss that applies the activation of {@code kind} itself. */
    public record DefaultLoss(CallSite site, Kind appliesItself) {}

    private Djl() {}

    /** The DJL version the project of this file declares, if any. */
    public static Optional<String> declaredVersion(ModuleInfo module) {
        Path dir = module.model().file().path().toAbsolutePath().getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            Optional<String> v = VERSIONS.computeIfAbsent(d, Djl::read);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path dir) {
        for (String f : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
            Path p = dir.resolve(f);
            if (Files.isRegularFile(p)) {
                try {
                    String text = Files.readString(p);
                    Matcher m = (f.equals("pom.xml") ? MAVEN : GRADLE).matcher(text);
                    if (m.find()) {
                        return Optional.of(m.group(1));
                    }
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The default-factory losses used in a module. */
    public static List<DefaultLoss> defaultLosses(ModuleInfo module, Evaluator ev) {
        List<DefaultLoss> out = new ArrayList<>();
        for (CallSite cs : module.callSites()) {
            String q = ev.qualifiedName(cs.call().callee(), cs.scope(), cs.site());
            Kind k = q == null ? null : DEFAULT_LOSSES.get(q);
            if (k != null && (cs.call().args().size() <= 1)) {
                out.add(new DefaultLoss(cs, k));
            }
        }
        return out;
    }

    /** Blocks of a module ({@code new SequentialBlock().add(...)...}) whose last layer is a sigmoid or softmax. */
    public static List<Block> blocks(ModuleInfo module, Evaluator ev) {
        return module.memo(Djl.class, () -> {
            Map<Expr.Call, CallSite> calledOn = new IdentityHashMap<>();
            for (CallSite cs : module.callSites()) {
                if (cs.call().callee() instanceof Expr.Attribute a && a.receiver() instanceof Expr.Call r) {
                    calledOn.put(r, cs);
                }
            }
            List<Block> out = new ArrayList<>();
            for (CallSite cs : module.callSites()) {
                String q = ev.qualifiedName(cs.call().callee(), cs.scope(), cs.site());
                if (!"ai.djl.nn.SequentialBlock".equals(q)) {
                    continue;
                }
                Expr.Call last = null;
                for (CallSite cur = calledOn.get(cs.call()); cur != null; cur = calledOn.get(cur.call())) {
                    if (((Expr.Attribute) cur.call().callee()).name().equals("add") && cur.call().args().size() == 1) {
                        last = cur.call();
                    }
                }
                if (last != null) {
                    Kind k = layerKind(last.args().get(0).value(), module, ev);
                    if (k != null) {
                        out.add(new Block(last, k));
                    }
                }
            }
            return out;
        });
    }

    /** {@code Activation::sigmoid}, {@code Activation.sigmoidBlock()}, or a lambda ending in {@code .softmax(...)}. */
    private static Kind layerKind(Expr layer, ModuleInfo module, Evaluator ev) {
        CallSite at = layer instanceof Expr.Call c ? module.siteOf(c) : null;
        if (layer instanceof Expr.Attribute a && a.name().equals("sigmoid")
                && a.receiver() instanceof Expr.Name n && n.id().equals("Activation")) {
            return Kind.SIGMOID_PROB; // method reference Activation::sigmoid
        }
        if (at != null) {
            String q = ev.qualifiedName(((Expr.Call) layer).callee(), at.scope(), at.site());
            if ((ACTIVATION + ".sigmoidBlock").equals(q)) {
                return Kind.SIGMOID_PROB;
            }
        }
        if (layer instanceof Expr.Other o && o.kind().equals("LambdaExpr") && !o.children().isEmpty()) {
            Expr body = o.children().get(o.children().size() - 1);
            return endsIn(body, "softmax") ? Kind.SOFTMAX_PROB : endsIn(body, "sigmoid") ? Kind.SIGMOID_PROB : null;
        }
        return null;
    }

    /** The lambda's result is {@code new NDList(x.softmax(1))} or {@code x.softmax(1)}. */
    private static boolean endsIn(Expr body, String method) {
        Expr e = body;
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Name n && n.id().equals("NDList")
                && c.args().size() == 1) {
            e = c.args().get(0).value();
        }
        return e instanceof Expr.Call c2 && c2.callee() instanceof Expr.Attribute a && a.name().equals(method);
    }



    /**
     * Reports the default DJL losses that apply {@code kind} ({@code word}: sigmoid or softmax) themselves in
     * a file whose {@code SequentialBlock} already ends in one. Judged only when the project declares its
     * DJL version.
     */
    public static void reportDoubleActivation(RuleContext ctx, Kind kind, String word) {
        if (ctx.module().model().file().language() != SourceFile.Language.JAVA || declaredVersion(ctx.module()).isEmpty()) {
            return;
        }
        List<Block> blocks = blocks(ctx.module(), ctx.evaluator()).stream().filter(b -> b.kind() == kind).toList();
        if (blocks.isEmpty()) {
            return;
        }
        for (DefaultLoss loss : defaultLosses(ctx.module(), ctx.evaluator())) {
            if (loss.appliesItself() == kind) {
                ctx.report(loss.site().call(), "this DJL loss applies a " + word + " itself, and the model's block "
                        + "already ends in a " + word + ": it is applied twice; remove the block's last " + word,
                        new Related(ctx.path(), blocks.get(0).lastAdd().span(), "the block's " + word));
            }
        }
    }
}
