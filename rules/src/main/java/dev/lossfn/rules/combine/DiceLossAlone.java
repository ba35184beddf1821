package dev.lossfn.rules.combine;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.FunctionInfo;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.core.model.Stmt;
import dev.lossfn.rules.catalog.DiceLosses;
import dev.lossfn.rules.guards.LossCode;
import dev.lossfn.rules.catalog.TestFiles;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** LF502: a Dice loss as the only training objective. */
public final class DiceLossAlone implements Rule {

    public static final RuleMeta META = new RuleMeta("LF502", "dice-loss-alone",
            "A Dice loss is the only training objective",
            Severity.NOTE, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags the Dice loss call whose value alone is what `.backward()` differentiates (also through \
            variables, `.mean()`, a constant factor, and `1 - dice_coef(...)`), what a Lightning \
            `training_step` returns, or what Keras `compile(loss=...)` is given. Dice losses are MONAI's \
            `DiceLoss` and `GeneralizedDiceLoss`, segmentation_models_pytorch's and kornia's `DiceLoss`, \
            Keras 3 `Dice`, and the project's own classes and functions named like Dice. Not flagged: \
            Dice added to a cross-entropy or BCE (`dice + bce`, MONAI's `DiceCELoss`, a `DiceBCELoss`), a \
            Dice score computed for evaluation, a loss that is Dice on some paths only, and test files \
            (`test_*.py`, `tests/`), where optimising one loss alone is how the loss is tested.
            """,
            """
            Dice alone trains, but badly at the start and on small structures: its gradient \
            2 * (g * S - I) / S**2 (S the sum of prediction and target, I their overlap) is large and \
            unstable when S is small, so empty or tiny foreground regions give erratic steps, and a \
            prediction that is all background has almost no gradient to escape from. Adding a \
            cross-entropy gives every pixel a smooth per-pixel gradient; Dice + CE is the default of \
            nnU-Net and most segmentation baselines.
            """,
            """
            from monai.losses import DiceLoss

            criterion = DiceLoss(sigmoid=True)

            def train_step(model, optimizer, images, masks):
                optimizer.zero_grad()
                loss = criterion(model(images), masks)
                loss.backward()
                optimizer.step()
            """,
            """
            from monai.losses import DiceCELoss

            criterion = DiceCELoss(sigmoid=True)

            def train_step(model, optimizer, images, masks):
                optimizer.zero_grad()
                loss = criterion(model(images), masks)
                loss.backward()
                optimizer.step()
            """,
            "Combine it with a cross-entropy: `0.5 * dice + 0.5 * bce` (MONAI `DiceCELoss`, "
                    + "segmentation_models_pytorch `DiceLoss` + `SoftBCEWithLogitsLoss`).",
            List.of());

    private static final String MESSAGE = "Dice loss is the only training objective: its gradient is unstable "
            + "on small or empty regions; add a cross-entropy (0.5 * dice + 0.5 * bce)";

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        if (TestFiles.isTest(ctx.module())) {
            return; // a test that optimises one loss checks that loss; it is not a training recipe
        }
        Set<Expr> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CallSite cs : ctx.callSites()) {
            Expr operand = LossCode.backwardOperand(cs);
            if (operand != null) {
                report(ctx, alone(ctx, operand, cs.scope(), cs.site(), 0), reported);
            }
            keras(ctx, cs, reported);
        }
        for (FunctionInfo fn : functions(ctx)) {
            if (fn.name().equals("training_step") && fn.owner() != null) {
                for (Stmt st : Stmt.descendants(fn.def().body(), false)) {
                    if (st instanceof Stmt.Return r && r.value() != null) {
                        report(ctx, alone(ctx, r.value(), fn.scope(), new Site(r.span().startOffset(), new int[0]), 0),
                                reported);
                    }
                }
            }
        }
    }

    private static List<FunctionInfo> functions(RuleContext ctx) {
        return ctx.module().classes().stream().flatMap(c -> c.methods().values().stream()).toList();
    }

    private static void report(RuleContext ctx, Expr dice, Set<Expr> reported) {
        if (dice != null && reported.add(dice)) {
            ctx.report(dice, MESSAGE);
        }
    }

    /** Keras {@code compile(loss=dice_loss)}, {@code compile(loss=keras.losses.Dice())}, {@code compile(loss="dice")}. */
    private static void keras(RuleContext ctx, CallSite cs, Set<Expr> reported) {
        if (!(cs.call().callee() instanceof Expr.Attribute a) || !a.name().equals("compile")) {
            return;
        }
        Expr loss = cs.call().keyword("loss");
        if (loss == null) {
            return;
        }
        if (loss instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.STRING) {
            if (DiceLosses.KERAS_STRINGS.contains(l.stringValue())) {
                report(ctx, loss, reported);
            }
            return;
        }
        if (DiceLosses.isDice(ctx.evaluator().eval(loss, cs))) {
            report(ctx, loss, reported);
        }
    }

    /** The Dice call that is the whole of {@code e}, or null. */
    private static Expr alone(RuleContext ctx, Expr e, Scope scope, Site site, int depth) {
        if (depth > 6 || e == null) {
            return null;
        }
        var ev = ctx.evaluator();
        if (e instanceof Expr.Name n) {
            var r = ev.reaching(n, scope, site);
            return r == null ? null : alone(ctx, r.value(), scope, r.site(), depth + 1);
        }
        if (e instanceof Expr.BinOp b && b.op().equals("*")) {
            // a constant factor keeps Dice alone
            return b.left() instanceof Expr.Literal ? alone(ctx, b.right(), scope, site, depth + 1)
                    : b.right() instanceof Expr.Literal ? alone(ctx, b.left(), scope, site, depth + 1) : null;
        }
        if (e instanceof Expr.BinOp b && b.op().equals("-") && b.left() instanceof Expr.Literal l
                && (l.text().equals("1") || l.text().equals("1.0") || l.text().equals("1."))) {
            Expr inner = alone(ctx, b.right(), scope, site, depth + 1);
            return inner instanceof Expr.Call c && DiceLosses.scoreName(c.callee()) ? inner : null;
        }
        if (!(e instanceof Expr.Call c)) {
            return null;
        }
        if (c.callee() instanceof Expr.Attribute a && Set.of("mean", "sum").contains(a.name()) && c.args().isEmpty()) {
            return alone(ctx, a.receiver(), scope, site, depth + 1);
        }
        CallSite site2 = ctx.module().siteOf(c);
        return site2 != null && DiceLosses.isDiceCall(site2, ev) ? c : null;
    }
}
