package dev.lossfn.rules.loops;

import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** LF401: a training loop that never zeroes the gradients. */
public final class MissingZeroGrad implements Rule {

    public static final RuleMeta META = new RuleMeta("LF401", "missing-zero-grad",
            "A training loop calls backward() and step() but never zeroes the gradients",
            Severity.ERROR, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags the `backward()` call of a `for` or `while` loop that calls `backward()` (also \
            `scaler.scale(loss).backward()` and `accelerator.backward(loss)`) and an optimizer `step()` \
            (also `scaler.step(optimizer)`) but no `zero_grad()` (of the optimizer or the model), no \
            `p.grad = None` and no `p.grad.zero_()` anywhere in the loop, including helper functions of the \
            project the loop calls. Gradient accumulation that zeroes every k steps, zeroing in a helper, \
            and frameworks that own the loop (Lightning's `training_step`, Hugging Face `Trainer`) are not \
            flagged. When only an outer (epoch) loop zeroes while the inner (batch) loop steps, the inner \
            loop is flagged.
            """,
            """
            PyTorch adds each `backward()` into `.grad`; it never clears it. Without zeroing, step k applies \
            the sum of the gradients of steps 1..k: the effective learning rate grows every step and training \
            diverges or oscillates, with no error message.
            """,
            """
            def train(model, loader, optimizer, criterion):
                for x, y in loader:
                    loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
            """,
            """
            def train(model, loader, optimizer, criterion):
                for x, y in loader:
                    optimizer.zero_grad(set_to_none=True)
                    loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
            """,
            "Call `optimizer.zero_grad(set_to_none=True)` once per optimizer step (before `backward()`).",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (TrainingLoops.Loop loop : TrainingLoops.of(ctx)) {
            if (!loop.isLoop() || !loop.training() || loop.has(TrainingLoops.Kind.ZERO)) {
                continue;
            }
            List<Related> related = new ArrayList<>();
            related.add(new Related(ctx.path(), loop.header().span(), "the loop"));
            loop.all(TrainingLoops.Kind.STEP).stream().filter(s -> s.module() == ctx.module()).findFirst()
                    .ifPresent(s -> related.add(new Related(ctx.path(), s.node().span(), "the optimizer step")));
            boolean reported = false;
            boolean helperLoop = false;
            for (TrainingLoops.Event b : loop.all(TrainingLoops.Kind.BACKWARD)) {
                if (b.module() == ctx.module()) {
                    ctx.report(b.node().span(), META.severity(), "gradients accumulate across iterations: this "
                            + "loop steps the optimizer but never calls zero_grad()", related);
                    reported = true;
                } else if (b.inLoop()) {
                    helperLoop = true; // the helper's own loop is reported in its file
                }
            }
            if (!reported && !helperLoop) {
                ctx.report(loop.header().span(), META.severity(), "gradients accumulate across iterations: this "
                        + "loop steps the optimizer (through a helper) but never calls zero_grad()", List.of());
            }
        }
    }
}
