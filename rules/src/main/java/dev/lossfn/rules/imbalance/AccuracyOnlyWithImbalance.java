package dev.lossfn.rules.imbalance;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Node;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.core.model.Stmt;
import dev.lossfn.rules.catalog.FocalLosses;
import dev.lossfn.rules.catalog.Losses;
import dev.lossfn.rules.catalog.Metrics;
import dev.lossfn.rules.guards.LossCode;
import dev.lossfn.rules.catalog.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** LF601: code that corrects for class imbalance but measures only accuracy. */
public final class AccuracyOnlyWithImbalance implements Rule {

    public static final RuleMeta META = new RuleMeta("LF601", "accuracy-only-with-imbalance",
            "Training corrects for class imbalance, but accuracy is the only metric",
            Severity.NOTE, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags the first accuracy computation of a file (`accuracy_score`, torchmetrics and Keras \
            accuracy metrics, `metrics=["accuracy"]`, or a hand-written `correct += (pred == y).sum()` / \
            `acc = (pred == y).float().mean()`) when the same file handles class imbalance (`pos_weight=`, a \
            class `weight=` of a cross-entropy, NLL or BCE loss, a focal loss, `WeightedRandomSampler`, \
            Keras `class_weight=`, `compute_class_weight`) and neither it nor the other files of its folder \
            compute a metric that sees the minority class: F1 / F-beta, precision, recall, sensitivity, \
            specificity, ROC AUC, average precision, balanced accuracy, Matthews correlation, Cohen's \
            kappa, a confusion matrix or classification report, IoU or Dice. Test files are skipped.
            """,
            """
            With 95% negatives, a model that always answers "negative" is 95% accurate. The loss weighting \
            says the code knows the classes are imbalanced, yet the only number it reports cannot tell a \
            useful model from that constant one: a run that collapsed to the majority class looks fine, \
            and a better minority-class recall looks like no change.
            """,
            """
            import torch
            import torch.nn as nn

            criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([19.0]))

            def evaluate(model, loader):
                correct = 0
                for x, y in loader:
                    correct += ((model(x) > 0).float() == y).sum().item()
                return correct / len(loader.dataset)
            """,
            """
            import torch
            import torch.nn as nn
            from sklearn.metrics import f1_score

            criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([19.0]))

            def evaluate(model, loader):
                preds, labels = [], []
                for x, y in loader:
                    preds.append((model(x) > 0).float())
                    labels.append(y)
                return f1_score(torch.cat(labels), torch.cat(preds))
            """,
            "Report F1, recall (per class) or balanced accuracy, or ROC/PR AUC, next to accuracy.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        if (TestFiles.isTest(ctx.module())) {
            return; // a test that optimises one loss checks that loss; it is not a training recipe
        }
        Node imbalance = imbalanceHandling(ctx);
        if (imbalance == null) {
            return;
        }
        Node accuracy = firstAccuracy(ctx);
        if (accuracy == null || minorityMetricNearby(ctx)) {
            return;
        }
        ctx.report(accuracy.span(), META.severity(), "accuracy is the only metric while the code corrects for class "
                + "imbalance: always predicting the majority class scores high; report F1, recall or balanced "
                + "accuracy", List.of(new Related(ctx.path(), imbalance.span(), "class imbalance handled here")));
    }

    /** The first place the file corrects for imbalance, or null. */
    private static Node imbalanceHandling(RuleContext ctx) {
        var ev = ctx.evaluator();
        for (CallSite cs : ctx.callSites()) {
            Expr.Call c = cs.call();
            if (present(c.keyword("pos_weight")) || present(c.keyword("class_weight"))) {
                return c;
            }
            String q = ev.qualifiedName(c.callee(), cs.scope(), cs.site());
            if (q != null && (q.endsWith("WeightedRandomSampler") || q.endsWith("compute_class_weight"))) {
                return c;
            }
            var constructed = Losses.constructed(cs, ev);
            if (constructed.isPresent() && classification(constructed.get()) && present(c.argument(0, "weight"))) {
                return c;
            }
            var call = Losses.at(cs, ev);
            if (call.isPresent() && call.get().construction() == null && classification(call.get().api())
                    && present(c.keyword("weight"))) {
                return c;
            }
            if (FocalLosses.isFocal(cs, ev)) {
                return c;
            }
        }
        return null;
    }

    private static boolean classification(Losses.LossApi api) {
        return Losses.category(api.family()) == Losses.Category.CLASSIFICATION;
    }

    private static boolean present(Expr e) {
        return e != null && !(e instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.NONE);
    }

    /** The first accuracy computation of the file, or null. */
    private static Node firstAccuracy(RuleContext ctx) {
        Node first = null;
        var ev = ctx.evaluator();
        for (CallSite cs : ctx.callSites()) {
            String q = ev.qualifiedName(cs.call().callee(), cs.scope(), cs.site());
            if (q != null && Metrics.ACCURACY.contains(q)) {
                first = earlier(first, cs.call());
            }
            if (cs.call().callee() instanceof Expr.Attribute a && a.name().equals("compile")
                    && cs.call().keyword("metrics") instanceof Expr.Sequence metrics) {
                for (Expr m : metrics.elements()) {
                    if (m instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.STRING
                            && Metrics.KERAS_ACCURACY_STRINGS.contains(l.stringValue())) {
                        first = earlier(first, l);
                    }
                }
            }
        }
        for (Stmt st : Stmt.descendants(ctx.module().model().body(), true)) {
            if (st instanceof Stmt.Assign a && a.targets().size() == 1 && a.value() != null
                    && accuracyName(a.targets().get(0)) && comparesEquality(a.value(), ctx)) {
                first = earlier(first, a.value());
            }
        }
        return first;
    }

    private static Node earlier(Node a, Node b) {
        return a == null || b.span().startOffset() < a.span().startOffset() ? b : a;
    }

    private static boolean accuracyName(Expr target) {
        String name = target instanceof Expr.Name n ? n.id() : target instanceof Expr.Attribute a ? a.name()
                : target instanceof Expr.Subscript s && s.index().size() == 1 && s.index().get(0) instanceof Expr.Literal l
                ? l.stringValue() : "";
        List<String> tokens = LossCode.tokens(name);
        return tokens.contains("acc") || tokens.contains("accuracy") || tokens.contains("correct")
                || tokens.contains("corrects");
    }

    /** {@code pred == y} or {@code pred.eq(y)} somewhere in the value. */
    private static boolean comparesEquality(Expr value, RuleContext ctx) {
        String src = ctx.module().model().file().text();
        for (Expr e : Expr.descendants(value)) {
            if (e instanceof Expr.Other o && o.kind().equals("comparison_operator")
                    && src.substring(o.span().startOffset(), o.span().endOffset()).contains("==")) {
                return true;
            }
            if (e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a && a.name().equals("eq")) {
                return true;
            }
        }
        return false;
    }

    /** A metric that sees the minority class in this file or a file of its folder. */
    private static boolean minorityMetricNearby(RuleContext ctx) {
        Path dir = ctx.module().model().file().path().toAbsolutePath().getParent();
        for (ModuleInfo m : ctx.project().modules()) {
            Path p = m.model().file().path().toAbsolutePath();
            if (m == ctx.module() || dir != null && dir.equals(p.getParent())) {
                if (m.memo(Metrics.class, () -> Metrics.mentionsMinorityMetric(m.model().file().text()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
