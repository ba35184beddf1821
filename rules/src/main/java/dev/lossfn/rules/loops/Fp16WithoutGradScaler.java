package dev.lossfn.rules.loops;

import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import java.util.List;
import java.util.Set;

/** LF403: float16 autocast in a training loop without a gradient scaler. */
public final class Fp16WithoutGradScaler implements Rule {

    public static final RuleMeta META = new RuleMeta("LF403", "fp16-without-grad-scaler",
            "A training loop uses float16 autocast without a GradScaler",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `torch.autocast(device_type="cuda", dtype=torch.float16)`, `torch.autocast("cuda")` (float16 \
            is the CUDA default) and `torch.cuda.amp.autocast()` inside a loop that calls `backward()` but \
            never scales the loss with a `GradScaler` (`scaler.scale(loss).backward()`). bfloat16 and CPU \
            autocast, loops with a scaler, evaluation loops without `backward()`, and Hugging Face \
            Accelerate's `accelerator.backward` (which scales) are not flagged.
            """,
            """
            float16 cannot represent magnitudes below about 6e-8: small gradients flush to zero in the \
            backward pass, and layers stop learning without any error. `GradScaler` multiplies the loss \
            before `backward()` and divides the gradients before `step()`, skipping steps that overflowed.
            """,
            """
            import torch

            def train(model, loader, optimizer, criterion):
                for x, y in loader:
                    optimizer.zero_grad()
                    with torch.autocast(device_type="cuda", dtype=torch.float16):
                        loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
            """,
            """
            import torch

            scaler = torch.amp.GradScaler("cuda")

            def train(model, loader, optimizer, criterion):
                for x, y in loader:
                    optimizer.zero_grad()
                    with torch.autocast(device_type="cuda", dtype=torch.float16):
                        loss = criterion(model(x), y)
                    scaler.scale(loss).backward()
                    scaler.step(optimizer)
                    scaler.update()
            """,
            "Use `torch.amp.GradScaler`: `scaler.scale(loss).backward()`, `scaler.step(optimizer)`, "
                    + "`scaler.update()` (or autocast to bfloat16, which needs no scaling).",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (TrainingLoops.Loop loop : TrainingLoops.of(ctx)) {
            if (!loop.isLoop() || !loop.training() || loop.has(TrainingLoops.Kind.SCALE)
                    || loop.has(TrainingLoops.Kind.ACCELERATE)) {
                continue;
            }
            for (TrainingLoops.Event a : loop.all(TrainingLoops.Kind.AUTOCAST_FP16)) {
                if (a.local()) {
                    ctx.report(a.node(), "float16 autocast in a training loop without a GradScaler: small "
                            + "gradients underflow to zero in float16");
                }
            }
        }
    }
}
