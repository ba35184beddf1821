package dev.lossfn.rules.dl4j;

import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Dl4jLayers;
import java.util.List;
import java.util.Set;

/**
 * LF701: a DL4J output layer whose loss function and activation do not fit. The pairings are exactly
 * those DL4J's own {@code OutputLayerUtil.validateOutputLayerConfiguration} rejects at {@code build()}
 * (deeplearning4j-nn {@code org/deeplearning4j/util/OutputLayerUtil.java}), so lossfn agrees with the
 * runtime, and also reports them where that validation is switched off.
 */
public final class Dl4jActivationLossMismatch implements Rule {

    public static final RuleMeta META = new RuleMeta("LF701", "dl4j-activation-loss-mismatch",
            "A DL4J output layer pairs a loss function with an activation it cannot work with",
            Severity.ERROR, Set.of(Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags the `new OutputLayer.Builder(...)` (also `RnnOutputLayer`, `LossLayer`, `CnnLossLayer`, \
            `RnnLossLayer`, `CenterLossOutputLayer`) whose chain sets both a loss function and an activation \
            that DL4J's `OutputLayerUtil` rejects: a loss that expects probabilities (`MCXENT`, \
            `NEGATIVELOGLIKELIHOOD`, `XENT`) with an activation that does not produce them (`IDENTITY`, \
            `RELU`, `TANH`, `LEAKYRELU`, ...), `XENT` with `SOFTMAX`, and `MCXENT` with `SIGMOID`. A \
            `LossLayer` with `IDENTITY` is allowed (as DL4J allows it: a softmax layer usually precedes it); \
            an activation inherited from the network configuration is not judged.
            """,
            """
            DL4J throws `DL4JInvalidConfigException` for these pairings when the network is built, unless \
            validation is switched off (`validateOutputLayerConfig(false)`), in which case training runs \
            and silently learns nothing useful: `MCXENT` takes the log of raw identity outputs (NaN for \
            negatives), `XENT` after a softmax treats coupled outputs as independent probabilities, and \
            `MCXENT` after a sigmoid treats unnormalised values as a distribution. lossfn reports it before \
            anything runs.
            """,
            """
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.lossfunctions.LossFunctions;

            class Net {
                OutputLayer out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(64).nOut(10).activation(Activation.IDENTITY).build();
            }
            """,
            """
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.lossfunctions.LossFunctions;

            class Net {
                OutputLayer out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(64).nOut(10).activation(Activation.SOFTMAX).build();
            }
            """,
            "Use the matching activation: SOFTMAX with MCXENT/NEGATIVELOGLIKELIHOOD, SIGMOID with XENT, "
                    + "IDENTITY with MSE/L1.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (Dl4jLayers.Chain c : Dl4jLayers.chains(ctx.module(), ctx.evaluator())) {
            if (c.loss() == null || c.activation() == null || c.builder().endsWith("DenseLayer.Builder")) {
                continue;
            }
            String problem = problem(c);
            if (problem != null) {
                ctx.report(c.construction().call(), "loss " + c.loss() + " with activation " + c.activation()
                        + ": " + problem);
            }
        }
    }

    private static String problem(Dl4jLayers.Chain c) {
        String loss = c.loss();
        String act = c.activation();
        if (Dl4jLayers.PROBABILITY_LOSSES.contains(loss) && Dl4jLayers.NON_PROBABILITY_ACTIVATIONS.contains(act)) {
            if (act.equals("IDENTITY") && c.isLossLayer()) {
                return null;
            }
            return "the loss expects probabilities but " + act + " does not produce them";
        }
        if (loss.equals("XENT") && act.equals("SOFTMAX")) {
            return "1".equals(c.nOut()) ? null // softmax over one unit: LF108's finding
                    : "binary cross-entropy treats the coupled softmax outputs as independent probabilities; "
                    + "use SIGMOID";
        }
        if (loss.equals("MCXENT") && act.equals("SIGMOID")) {
            return "multi-class cross-entropy needs outputs that sum to 1; use SOFTMAX";
        }
        return null;
    }
}
