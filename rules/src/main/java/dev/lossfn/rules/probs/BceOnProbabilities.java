package dev.lossfn.rules.probs;

import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Losses;
import java.util.List;
import java.util.Set;

/**
 * LF102: the probability form of binary cross-entropy, where lossfn cannot prove the input is a
 * sigmoid (LF101 reports those). A constructed {@code nn.BCELoss} whose calls cannot be found in the
 * project but which is handed to another call ({@code train(model, criterion)}) is reported at its
 * construction; one that is never called nor handed on is dead code and stays silent.
 */
public final class BceOnProbabilities implements Rule {

    public static final RuleMeta META = new RuleMeta("LF102", "bce-on-probabilities",
            "Binary cross-entropy is computed with the probability API instead of BCEWithLogitsLoss",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags every use of `nn.BCELoss` and `F.binary_cross_entropy` in training code that LF101 does not \
            already report. The call is flagged where it happens; an `nn.BCELoss()` that is handed to other \
            code (`train(model, criterion)`) whose calls of it cannot be followed is flagged where it is built. \
            Losses computed under `torch.no_grad()`, and the probability path of a `from_logits` switch (an \
            `if from_logits:` whose branch calls the logits form), are not flagged.
            """,
            """
            The probability form needs probabilities, so the model must end in a sigmoid somewhere, and the \
            `log` inside the loss then undoes the `exp` inside the sigmoid with float32 rounding in between: \
            for confident predictions the loss saturates (PyTorch clamps the log at -100) and the gradient \
            vanishes. `BCEWithLogitsLoss` fuses both steps stably, accepts `pos_weight` for imbalanced data, \
            and is what the PyTorch documentation recommends. It is also safe under `torch.autocast`, which \
            refuses `binary_cross_entropy` in float16.
            """,
            """
            import torch.nn as nn

            criterion = nn.BCELoss()

            def step(model, x, y):
                return criterion(model(x), y)
            """,
            """
            import torch.nn as nn

            criterion = nn.BCEWithLogitsLoss()

            def step(model, x, y):
                return criterion(model(x), y)
            """,
            "Make the model return logits and use `nn.BCEWithLogitsLoss` / `F.binary_cross_entropy_with_logits`.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        var evaluator = ctx.evaluator();
        for (var cs : ctx.callSites()) {
            var use = Losses.at(cs, evaluator);
            if (use.isPresent()) {
                if (use.get().api().expects() != Losses.Expects.PROBABILITIES || evaluator.inNoGrad(cs)) {
                    continue;
                }
                Value input = evaluator.eval(use.get().input(), cs);
                if (!(input instanceof Value.Tensor t && t.kind() == Kind.SIGMOID_PROB) && !logitsPathBeside(ctx, cs)) {
                    ctx.report(cs.call(), use.get().api().display() + " takes probabilities; "
                            + "BCEWithLogitsLoss on logits is the numerically stable form");
                }
                continue;
            }
            var built = Losses.constructed(cs, evaluator);
            if (built.isPresent() && built.get().expects() == Losses.Expects.PROBABILITIES
                    && !evaluator.inNoGrad(cs) && ctx.project().callsOfInstance(cs.call()).isEmpty()
                    && !ctx.project().callsReceiving(cs.call()).isEmpty()) {
                ctx.report(cs.call(), built.get().display() + " takes probabilities; "
                        + "use BCEWithLogitsLoss and give it logits");
            }
        }
    }

    /**
     * True when the call sits beside a {@code from_logits} switch: an {@code if} of the same function whose
     * test names logits ({@code if from_logits:}) and whose branch calls the logits form of the loss. The
     * other path receives probabilities by contract.
     */
    private static boolean logitsPathBeside(RuleContext ctx, dev.lossfn.core.analysis.CallSite cs) {
        var fn = cs.scope().function();
        if (fn == null) {
            return false;
        }
        String src = ctx.module().model().file().text();
        for (var st : dev.lossfn.core.model.Stmt.descendants(fn.def().body(), false)) {
            if (st instanceof dev.lossfn.core.model.Stmt.If i && !i.body().isEmpty()
                    && src.substring(i.test().span().startOffset(), i.test().span().endOffset())
                    .toLowerCase(java.util.Locale.ROOT).contains("logit")) {
                var body = new dev.lossfn.core.model.Span(0, 0, 0, 0, i.body().get(0).span().startOffset(),
                        i.body().get(i.body().size() - 1).span().endOffset());
                if (!body.contains(cs.call().span()) && logitsCallWithin(ctx, body)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean logitsCallWithin(RuleContext ctx, dev.lossfn.core.model.Span span) {
        for (var other : ctx.callSites()) {
            if (span.contains(other.call().span())) {
                var use = Losses.at(other, ctx.evaluator());
                if (use.isPresent() && use.get().api().family() == Losses.Family.BINARY_CROSS_ENTROPY
                        && use.get().api().expects() == Losses.Expects.LOGITS) {
                    return true;
                }
            }
        }
        return false;
    }
}
