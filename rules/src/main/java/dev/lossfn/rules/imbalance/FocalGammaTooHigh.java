package dev.lossfn.rules.imbalance;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.FocalLosses;
import java.util.List;
import java.util.Set;

/** LF602: a focal loss built with a literal gamma above 5. */
public final class FocalGammaTooHigh implements Rule {

    public static final RuleMeta META = new RuleMeta("LF602", "focal-gamma-too-high",
            "A focal loss is built with a focusing parameter gamma above 5",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags a focal loss constructed or called with a literal `gamma` greater than 5: \
            `torchvision.ops.sigmoid_focal_loss`, MONAI's, segmentation_models_pytorch's and kornia's \
            `FocalLoss`, Keras' `BinaryFocalCrossentropy` / `CategoricalFocalCrossentropy`, \
            `optax.sigmoid_focal_loss`, and the project's own focal losses (a class or function named \
            like `focal` with a `gamma` parameter), by keyword or by position. A gamma in [0, 5], a \
            gamma that is not a literal, and the defaults are not flagged.
            """,
            """
            The focal term `(1 - p_t) ** gamma` scales the loss of an example the model already gets right \
            with probability 0.9 by 0.1 ** gamma: 1e-2 at gamma = 2 (the value of the focal loss paper, \
            which found 0.5 to 5 useful), 1e-10 at gamma = 10. With such a gamma every example that is \
            not badly wrong contributes almost nothing; training sees a handful of outliers and label \
            noise, the gradient nearly vanishes, and the loss looks flat.
            """,
            """
            from torchvision.ops import sigmoid_focal_loss

            def detection_loss(logits, targets):
                return sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=10.0, reduction="mean")
            """,
            """
            from torchvision.ops import sigmoid_focal_loss

            def detection_loss(logits, targets):
                return sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="mean")
            """,
            "Start from alpha=0.25, gamma=2 (the paper's values) and tune gamma within [0.5, 5].",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (CallSite cs : ctx.callSites()) {
            Expr gamma = FocalLosses.gammaArgument(cs, ctx.evaluator());
            if (gamma instanceof Expr.Literal l && (l.kind() == Expr.LiteralKind.NUMBER)) {
                double g = parse(l.text());
                if (g > 5.0) {
                    ctx.report(cs.call(), "focal loss with gamma=" + l.text() + " scales an example predicted "
                            + "right at p=0.9 by 0.1**" + l.text() + "; almost every gradient vanishes; use gamma in [0.5, 5] "
                            + "(2 is the usual start)");
                }
            }
        }
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return Double.NaN; // 0x10, 1e3j: not a plain gamma
        }
    }
}
