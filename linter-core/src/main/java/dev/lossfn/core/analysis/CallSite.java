package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import java.util.List;

/**
 * A call expression with what surrounds it: its scope, its site, and the context managers and
 * decorators around it (to tell evaluation-only code, such as {@code with torch.no_grad():}).
 */
public record CallSite(Expr.Call call, Scope scope, Site site, List<Expr> contexts) {
    public ModuleInfo module() {
        return scope.module();
    }
}
