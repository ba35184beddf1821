package dev.lossfn.rules.targets;

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
 * LF201: a one-hot tensor as the target of cross-entropy or NLL. The severity depends on the case
 * (RULES.md): an integer one-hot fails at run time (error); a float one-hot with {@code weight},
 * {@code ignore_index} or {@code label_smoothing} silently changes what they mean (warning); a plain
 * float one-hot is legal since PyTorch 1.10 (class probabilities) but wasteful (note).
 */
public final class OneHotCrossEntropyTarget implements Rule {

    public static final RuleMeta META = new RuleMeta("LF201", "one-hot-cross-entropy-target",
            "Cross-entropy or NLL receives a one-hot target instead of class indices",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `F.cross_entropy`, `nn.CrossEntropyLoss`, `F.nll_loss` and `nn.NLLLoss` whose target is \
            provably one-hot: `F.one_hot(y, C)`, `torch.eye(C)[y]`, `np.eye(C)[y]`, also through variables \
            and casts. The severity says which case it is: an integer one-hot (what `F.one_hot` returns) is \
            an error, because the loss rejects it at run time; a float one-hot combined with `weight=`, \
            `ignore_index=` or `label_smoothing=` is a warning, because they then mean something else; a \
            plain float one-hot is a note.
            """,
            """
            These losses take class indices. Since PyTorch 1.10 a float target is read as class \
            *probabilities*, which is legal but changes the semantics: `ignore_index` no longer applies, \
            `weight` weighs the soft target instead of the class, the 'mean' reduction divides differently, \
            and the target takes C times the memory. An integer one-hot is simply an error at run time.
            """,
            """
            import torch.nn.functional as F

            def step(logits, labels, num_classes):
                target = F.one_hot(labels, num_classes)
                return F.cross_entropy(logits, target)
            """,
            """
            import torch.nn.functional as F

            def step(logits, labels, num_classes):
                return F.cross_entropy(logits, labels)
            """,
            "Pass class indices (`labels`, or `target.argmax(dim=1)`); keep one-hot targets for BCE "
                    + "(multi-label) or hand-written soft-label losses.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (var cs : ctx.callSites()) {
            var use = Losses.at(cs, ctx.evaluator());
            if (use.isEmpty() || use.get().target() == null) {
                continue;
            }
            Losses.Family family = use.get().api().family();
            if (family != Losses.Family.CROSS_ENTROPY && family != Losses.Family.NLL
                    || !use.get().api().name().startsWith("torch.")) { // optax takes one-hot labels by design
                continue;
            }
            Value target = ctx.evaluator().eval(use.get().target(), cs);
            if (!(target instanceof Value.Tensor t) || t.kind() != Kind.ONE_HOT) {
                continue;
            }
            String api = use.get().api().display();
            var related = ctx.relatedTo(target, "the one-hot target is built here");
            List<dev.lossfn.core.api.Related> rel = related == null ? List.of() : List.of(related);
            if ("long".equals(t.dtype())) {
                ctx.report(cs.call().span(), Severity.ERROR, api + " receives an integer one-hot target: it "
                        + "expects class indices and fails at run time; pass the labels or target.argmax(1)", rel);
            } else if (modifiesSemantics(use.get())) {
                ctx.report(cs.call().span(), Severity.WARNING, api + " receives a one-hot target together with "
                        + "weight, ignore_index or label_smoothing, whose meaning changes for probability targets; "
                        + "pass class indices", rel);
            } else {
                ctx.report(cs.call().span(), Severity.NOTE, api + " receives a one-hot target: it is read as class "
                        + "probabilities (legal since PyTorch 1.10) but class indices are cheaper and clearer", rel);
            }
        }
    }

    /** True when the loss call or the loss object's construction sets weight, ignore_index or label_smoothing. */
    private static boolean modifiesSemantics(Losses.LossCall use) {
        for (var call : new dev.lossfn.core.model.Expr.Call[] {use.site().call(), use.construction()}) {
            if (call == null) {
                continue;
            }
            for (var a : call.args()) {
                if (a.keyword() != null && Set.of("weight", "ignore_index", "label_smoothing").contains(a.keyword())) {
                    return true;
                }
            }
        }
        return false;
    }
}
