package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.FunctionInfo;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Stmt;
import dev.lossfn.rules.guards.LossCode;
import java.util.List;
import java.util.Map;

/**
 * Focal losses and where their focusing parameter {@code gamma} sits. Positions are those of the
 * signatures: {@code torchvision/ops/focal_loss.py} {@code sigmoid_focal_loss(inputs, targets, alpha,
 * gamma, reduction)}; MONAI {@code FocalLoss(include_background, to_onehot_y, gamma, ...)};
 * segmentation_models_pytorch {@code FocalLoss(mode, alpha, gamma, ...)}; kornia {@code FocalLoss(alpha,
 * gamma, ...)} and {@code focal_loss(pred, target, alpha, gamma, ...)}; Keras
 * {@code BinaryFocalCrossentropy(apply_class_balancing, alpha, gamma, ...)},
 * {@code CategoricalFocalCrossentropy(alpha, gamma, ...)}; TensorFlow Addons
 * {@code SigmoidFocalCrossEntropy(from_logits, alpha, gamma)}; {@code optax.sigmoid_focal_loss(logits,
 * labels, alpha, gamma)}.
 */
public final class FocalLosses {
    private FocalLosses() {}

    /** Qualified name to the position of {@code gamma}. */
    private static final Map<String, Integer> GAMMA_POSITION = Map.ofEntries(
            Map.entry("torchvision.ops.sigmoid_focal_loss", 3),
            Map.entry("torchvision.ops.focal_loss.sigmoid_focal_loss", 3),
            Map.entry("monai.losses.FocalLoss", 2),
            Map.entry("monai.losses.focal_loss.FocalLoss", 2),
            Map.entry("segmentation_models_pytorch.losses.FocalLoss", 2),
            Map.entry("kornia.losses.FocalLoss", 1),
            Map.entry("kornia.losses.focal_loss", 3),
            Map.entry("kornia.losses.BinaryFocalLossWithLogits", 1),
            Map.entry("kornia.losses.binary_focal_loss_with_logits", 3),
            Map.entry("keras.losses.BinaryFocalCrossentropy", 2),
            Map.entry("keras.losses.CategoricalFocalCrossentropy", 1),
            Map.entry("keras.losses.binary_focal_crossentropy", 4),
            Map.entry("keras.losses.categorical_focal_crossentropy", 3),
            Map.entry("tensorflow_addons.losses.SigmoidFocalCrossEntropy", 2),
            Map.entry("tensorflow_addons.losses.sigmoid_focal_crossentropy", 3),
            Map.entry("optax.sigmoid_focal_loss", 3));

    /** True when the call site builds or computes a focal loss (a library one or the project's own). */
    public static boolean isFocal(CallSite cs, Evaluator ev) {
        Value callee = ev.callee(cs);
        if (callee instanceof Value.Ref r) {
            return GAMMA_POSITION.containsKey(r.qualifiedName());
        }
        FunctionInfo fn = projectCallable(callee);
        return fn != null && focalName(callee);
    }

    /** The expression passed as {@code gamma} to a focal loss built or called here; null when none is. */
    public static Expr gammaArgument(CallSite cs, Evaluator ev) {
        Value callee = ev.callee(cs);
        if (callee instanceof Value.Ref r) {
            Integer position = GAMMA_POSITION.get(r.qualifiedName());
            return position == null ? null : argument(cs.call(), position, "gamma");
        }
        FunctionInfo fn = projectCallable(callee);
        if (fn == null || !focalName(callee)) {
            return null;
        }
        List<Stmt.Param> params = fn.def().params();
        int offset = fn.owner() != null ? 1 : 0; // self
        for (int i = offset; i < params.size(); i++) {
            if (params.get(i).name().equals("gamma")) {
                return argument(cs.call(), i - offset, "gamma");
            }
        }
        return null;
    }

    private static Expr argument(Expr.Call call, int position, String keyword) {
        return call.hasUnpacking() ? call.keyword(keyword) : call.argument(position, keyword);
    }

    /** A project function, or the constructor of a project class. */
    private static FunctionInfo projectCallable(Value callee) {
        if (callee instanceof Value.Function f) {
            return f.function();
        }
        if (callee instanceof Value.ProjectClass c) {
            return c.cls().methods().get("__init__");
        }
        return null;
    }

    private static boolean focalName(Value callee) {
        String name = callee instanceof Value.Function f ? f.function().name()
                : callee instanceof Value.ProjectClass c ? c.cls().name() : "";
        return LossCode.tokens(name).contains("focal");
    }
}
