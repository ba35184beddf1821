package dev.lossfn.rules.probs;

import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Keras;
import java.util.List;
import java.util.Set;

/** LF105: a Keras probability loss with from_logits=False on a model that outputs logits. */
public final class LogitsIntoProbabilityLoss implements Rule {

    public static final RuleMeta META = new RuleMeta("LF105", "logits-into-probability-loss",
            "A Keras cross-entropy expects probabilities (from_logits=False) but the model outputs logits",
            Severity.ERROR, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `CategoricalCrossentropy`, `SparseCategoricalCrossentropy` and `BinaryCrossentropy` \
            (objects, or the strings `"categorical_crossentropy"`, `"sparse_categorical_crossentropy"`, \
            `"binary_crossentropy"`) with `from_logits=False`, the default, passed to `model.compile(loss=...)` \
            for a model whose last layer has no activation (a linear `Dense`): a `Sequential([...])` list, \
            `model.add(...)` calls, the functional `Model(inputs, outputs)`, or a subclassed `keras.Model` whose \
            `call` returns a layer built in `__init__`. Models ending in a softmax \
            or sigmoid, and models whose last layer lossfn cannot see, are not flagged.
            """,
            """
            With `from_logits=False` Keras treats the outputs as probabilities: it normalises them by their \
            sum and clips them to [1e-7, 1 - 1e-7] before the log. Raw scores are negative or above 1, so \
            the loss is computed on clipped nonsense and the gradient is zero wherever the clip applies. No \
            Keras backend warns about this case.
            """,
            """
            import keras
            from keras import layers

            model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10)])
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
            """,
            """
            import keras
            from keras import layers

            model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10)])
            model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            """,
            "Set `from_logits=True` on the loss (or end the model in the matching softmax/sigmoid).",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (Keras.Compile k : Keras.compiles(ctx.module(), ctx.evaluator())) {
            if (k.output() == Kind.LOGITS && !k.fromLogits()) {
                ctx.report(k.lossNode().span(), META.severity(), k.loss() + " with from_logits=False on a model "
                        + "that outputs logits: Keras clips them as if they were probabilities; set from_logits=True",
                        List.of(new Related(ctx.path(), k.outputLayer().span(), "the last layer has no activation")));
            }
        }
    }
}
