package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import java.util.List;

/** A binary operation ({@code a / b}, {@code a + b}, {@code x ** 0.5}) with its scope, site and contexts. */
public record OperatorSite(Expr.BinOp op, Scope scope, Site site, List<Expr> contexts) {
    public ModuleInfo module() {
        return scope.module();
    }
}
