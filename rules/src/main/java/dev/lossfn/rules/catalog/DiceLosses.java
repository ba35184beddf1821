package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.model.Expr;
import dev.lossfn.rules.guards.LossCode;
import java.util.List;
import java.util.Set;

/**
 * Dice losses: the library ones (MONAI {@code DiceLoss}, {@code GeneralizedDiceLoss}; segmentation_models_pytorch
 * {@code DiceLoss}; kornia {@code DiceLoss}/{@code dice_loss}; Keras 3 {@code keras.losses.Dice}/{@code dice}) and
 * the project's own, recognised by name: a class or function whose name has the word dice and no word of
 * another loss (MONAI's {@code DiceCELoss}, {@code DiceFocalLoss}, a project's {@code dice_bce_loss} combine
 * Dice with a cross-entropy already).
 */
public final class DiceLosses {
    private DiceLosses() {}

    private static final Set<String> LIBRARY = Set.of("monai.losses.DiceLoss", "monai.losses.dice.DiceLoss",
            "monai.losses.GeneralizedDiceLoss", "monai.losses.dice.GeneralizedDiceLoss",
            "segmentation_models_pytorch.losses.DiceLoss", "kornia.losses.DiceLoss", "kornia.losses.dice_loss",
            "keras.losses.Dice", "keras.losses.dice");

    /** Words that make a Dice-named loss a combination with another loss. */
    private static final Set<String> OTHER_LOSSES = Set.of("ce", "bce", "cross", "entropy", "xent", "focal", "combo",
            "combined", "and", "plus", "with", "nll", "mse", "l1", "boundary", "hausdorff", "tversky", "lovasz");

    /** The Keras loss names a {@code compile(loss="...")} string can give for Dice. */
    public static final Set<String> KERAS_STRINGS = Set.of("dice");

    /** True when this call computes a Dice loss or a Dice score: a call of a Dice loss object or function. */
    public static boolean isDiceCall(CallSite cs, Evaluator ev) {
        return isDice(ev.callee(cs));
    }

    /** True for a Dice loss class, function or object. */
    public static boolean isDice(Value v) {
        if (v instanceof Value.Ref r) {
            return LIBRARY.contains(r.qualifiedName());
        }
        if (v instanceof Value.Instance inst) {
            if (inst.libraryClass() != null) {
                return LIBRARY.contains(inst.libraryClass());
            }
            return inst.projectClass() != null && diceName(inst.projectClass().name());
        }
        if (v instanceof Value.Function f) {
            return diceName(f.function().name());
        }
        if (v instanceof Value.ProjectClass c) {
            return diceName(c.cls().name());
        }
        return false;
    }

    /** {@code dice_loss}, {@code SoftDiceLoss}, {@code dice_coef}: Dice and nothing else. */
    public static boolean diceName(String name) {
        List<String> tokens = LossCode.tokens(name);
        return tokens.contains("dice") && tokens.stream().noneMatch(OTHER_LOSSES::contains);
    }

    /** A Dice score rather than a loss ({@code dice_coef}, {@code dice_score}): the loss is {@code 1 - score}. */
    public static boolean scoreName(Expr callee) {
        String name = callee instanceof Expr.Name n ? n.id() : callee instanceof Expr.Attribute a ? a.name() : "";
        List<String> tokens = LossCode.tokens(name);
        return !tokens.contains("loss");
    }
}
