package dev.lossfn.rules.combine;

import dev.lossfn.core.analysis.OperatorSite;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Losses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** LF501: losses of different categories added without weights. */
public final class UnweightedMultitaskSum implements Rule {

    public static final RuleMeta META = new RuleMeta("LF501", "unweighted-multitask-sum",
            "Losses of different kinds (classification and regression) are added without weights",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags a sum `a + b (+ ...)` whose terms are, directly or through variables, results of loss calls \
            of different categories (classification: cross-entropy, BCE, NLL; regression: MSE, L1, smooth L1, \
            Huber) when no term is multiplied by a weight. Weighted sums (`0.5 * a + b`, `w[i] * l`), sums of \
            one category (deep supervision), the ELBO (reconstruction + KL divergence, correct unweighted), \
            uncertainty weighting, and sums of unknown values are not flagged.
            """,
            """
            Losses of different kinds live on different scales: a cross-entropy of about 2.3 at the start \
            next to a pixel MSE of 1e3, or 1e-3. Added as they are, the larger one owns the gradient and the \
            other task barely trains; which one wins depends on units and normalisation, not on what matters.
            """,
            """
            import torch.nn.functional as F

            def multitask_loss(class_logits, labels, boxes_pred, boxes):
                return F.cross_entropy(class_logits, labels) + F.mse_loss(boxes_pred, boxes)
            """,
            """
            import torch.nn.functional as F

            def multitask_loss(class_logits, labels, boxes_pred, boxes, box_weight=5.0):
                return F.cross_entropy(class_logits, labels) + box_weight * F.mse_loss(boxes_pred, boxes)
            """,
            "Weight the terms (tuned, or learned with uncertainty weighting: "
                    + "`exp(-s_i) * loss_i + s_i`), or normalise each loss to a comparable scale.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        List<OperatorSite> sums = ctx.module().operatorSites().stream().filter(o -> o.op().op().equals("+")).toList();
        Set<Expr> inner = Collections.newSetFromMap(new IdentityHashMap<>());
        for (OperatorSite s : sums) {
            if (s.op().left() instanceof Expr.BinOp l && l.op().equals("+")) {
                inner.add(l);
            }
            if (s.op().right() instanceof Expr.BinOp r && r.op().equals("+")) {
                inner.add(r);
            }
        }
        for (OperatorSite s : sums) {
            if (inner.contains(s.op())) {
                continue;
            }
            List<Expr> terms = new ArrayList<>();
            flatten(s.op(), terms);
            Set<String> categories = new TreeSet<>();
            boolean weighted = false;
            for (Expr t : terms) {
                if (t instanceof Expr.BinOp b && (b.op().equals("*") || b.op().equals("/"))
                        || t instanceof Expr.UnaryOp) {
                    weighted = true;
                }
                Value v = ctx.evaluator().eval(t, s.scope(), s.site());
                if (v instanceof Value.Loss l) {
                    categories.add(l.category());
                }
            }
            if (weighted || categories.contains(Losses.Category.DIVERGENCE.label())) {
                continue;
            }
            if (categories.contains(Losses.Category.CLASSIFICATION.label())
                    && categories.contains(Losses.Category.REGRESSION.label())) {
                ctx.report(s.op(), "classification and regression losses are added without weights: the larger "
                        + "scale dominates the gradient; weight the terms");
            }
        }
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof Expr.BinOp b && b.op().equals("+")) {
            flatten(b.left(), out);
            flatten(b.right(), out);
        } else {
            out.add(e);
        }
    }
}
