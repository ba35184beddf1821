package dev.lossfn.rules.loops;

import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import java.util.List;
import java.util.Set;

/** LF402: a manual training loop over a recurrent or attention model without gradient clipping. */
public final class MissingGradClipping implements Rule {

    public static final RuleMeta META = new RuleMeta("LF402", "missing-grad-clipping",
            "A recurrent or Transformer model is trained without gradient clipping",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags the optimizer `step()` of a manual training loop that calls a model containing \
            `nn.RNN`, `nn.LSTM`, `nn.GRU`, `nn.Transformer*` or `nn.MultiheadAttention` (resolved through the \
            project's model classes) when the loop never calls `clip_grad_norm_` or `clip_grad_value_`. \
            Loops owned by a framework (Lightning `Trainer(gradient_clip_val=...)`, Hugging Face `Trainer`, \
            which clips by default) are not manual loops and are not flagged.
            """,
            """
            Back-propagation through time multiplies the same Jacobians once per step; their product can \
            grow exponentially, and one exploding batch produces a huge update (or `inf`) that wrecks the \
            weights. Clipping the global gradient norm bounds every update and is standard practice for RNNs \
            and Transformers.
            """,
            """
            import torch.nn as nn

            rnn = nn.LSTM(32, 64)

            def train(loader, optimizer, criterion):
                for x, y in loader:
                    optimizer.zero_grad()
                    out, _ = rnn(x)
                    loss = criterion(out, y)
                    loss.backward()
                    optimizer.step()
            """,
            """
            import torch.nn as nn

            rnn = nn.LSTM(32, 64)

            def train(loader, optimizer, criterion):
                for x, y in loader:
                    optimizer.zero_grad()
                    out, _ = rnn(x)
                    loss = criterion(out, y)
                    loss.backward()
                    nn.utils.clip_grad_norm_(rnn.parameters(), 1.0)
                    optimizer.step()
            """,
            "Clip before stepping: `torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)`.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (TrainingLoops.Loop loop : TrainingLoops.of(ctx)) {
            if (!loop.isLoop() || !loop.training() || loop.has(TrainingLoops.Kind.CLIP)
                    || !loop.has(TrainingLoops.Kind.RECURRENT_MODEL)) {
                continue;
            }
            for (TrainingLoops.Event step : loop.all(TrainingLoops.Kind.STEP)) {
                if (step.module() == ctx.module()) {
                    ctx.report(step.node(), "the model contains recurrent or attention layers and the loop never "
                            + "clips gradients; one exploding batch can wreck the weights");
                }
            }
        }
    }
}
