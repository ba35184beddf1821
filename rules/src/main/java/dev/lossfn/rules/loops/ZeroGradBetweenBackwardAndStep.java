package dev.lossfn.rules.loops;

import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** LF404: zero_grad() after backward() and before step() of the same optimizer. */
public final class ZeroGradBetweenBackwardAndStep implements Rule {

    public static final RuleMeta META = new RuleMeta("LF404", "zero-grad-between-backward-and-step",
            "zero_grad() runs after backward() and before step(), so the step applies zero gradients",
            Severity.ERROR, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags an optimizer's `zero_grad()` that runs, on some path through one iteration of a training \
            loop, after a `backward()` and before that same optimizer's `step()` with no `backward()` in \
            between. Zeroing a different optimizer (the generator's while the discriminator steps) and \
            `model.zero_grad()` (whose parameters lossfn cannot tie to the optimizer) are not flagged.
            """,
            """
            `step()` uses whatever is in `.grad` at that moment. Zeroing between `backward()` and `step()` \
            throws the fresh gradients away: every step is a no-op (or only weight decay), and the model \
            never learns while the loss curve stays flat.
            """,
            """
            def train(model, loader, optimizer, criterion):
                for x, y in loader:
                    loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.zero_grad()
                    optimizer.step()
            """,
            """
            def train(model, loader, optimizer, criterion):
                for x, y in loader:
                    optimizer.zero_grad()
                    loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
            """,
            "Move `zero_grad()` before `backward()` (or after `step()`).",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (TrainingLoops.Loop loop : TrainingLoops.of(ctx)) {
            if (!loop.training() || loop.paths() == null) {
                continue;
            }
            for (List<TrainingLoops.Event> path : loop.paths()) {
                check(ctx, path);
            }
        }
    }

    /** The zeroing clears the gradients the step uses: the same optimizer, or the model it optimizes. */
    private static boolean sameParameters(TrainingLoops.Event zero, TrainingLoops.Event step) {
        return zero.target() != null && Objects.equals(zero.target(), step.target())
                || zero.owner() != null && Objects.equals(zero.owner(), step.owner());
    }

    private static void check(RuleContext ctx, List<TrainingLoops.Event> path) {
        boolean backward = false;
        for (int i = 0; i < path.size(); i++) {
            TrainingLoops.Event e = path.get(i);
            if (e.kind() == TrainingLoops.Kind.BACKWARD) {
                backward = true;
            } else if (e.kind() == TrainingLoops.Kind.ZERO && backward && e.local()) {
                for (int j = i + 1; j < path.size(); j++) {
                    TrainingLoops.Event next = path.get(j);
                    if (next.kind() == TrainingLoops.Kind.BACKWARD) {
                        break;
                    }
                    if (next.kind() == TrainingLoops.Kind.STEP && sameParameters(e, next)) {
                        ctx.report(e.node(), "zero_grad() runs after backward() and before the step() of the "
                                + "optimizer it clears: the step applies zero gradients");
                        break;
                    }
                }
            } else if (e.kind() == TrainingLoops.Kind.STEP) {
                backward = false;
            }
        }
    }
}
