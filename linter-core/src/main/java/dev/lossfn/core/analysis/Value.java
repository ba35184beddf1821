package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Node;
import java.util.List;

/**
 * What an expression evaluates to, as far as the analyses can prove. Anything that cannot be
 * proven is {@link Unknown}: rules stay silent on it.
 */
public sealed interface Value {

    Unknown UNKNOWN = new Unknown();

    /** Nothing provable. */
    record Unknown() implements Value {}

    /**
     * A tensor of a known kind. {@code origin} is the expression or layer construction that
     * produced it, in {@code originModule} (for related locations). {@code dtype} is {@code "float"},
     * {@code "long"} or null when unknown.
     */
    record Tensor(Kind kind, Node origin, ModuleInfo originModule, String dtype) implements Value {
        public Tensor(Kind kind, Node origin, ModuleInfo originModule) {
            this(kind, origin, originModule, null);
        }

        public Tensor withDtype(String d) {
            return new Tensor(kind, origin, originModule, d);
        }
    }

    /** The result of a loss call, of a category ({@code classification}, {@code regression}, ...). */
    record Loss(String category, Node call, ModuleInfo module) implements Value {}

    /** A library symbol: a module, function or class outside the analysed project ({@code torch.nn.functional}). */
    record Ref(String qualifiedName) implements Value {}

    /**
     * An object. Either of a library class ({@code libraryClass} set, e.g. {@code torch.nn.BCELoss}) or of a
     * project class ({@code projectClass} set). {@code construction} is the call that built it, when known;
     * {@code alternatives} are other constructions of the same class it may equally come from
     * ({@code crit = nn.BCELoss().cuda() if gpu else nn.BCELoss()}).
     */
    record Instance(String libraryClass, ClassInfo projectClass, Expr.Call construction, Scope constructionScope,
                    List<Expr.Call> alternatives) implements Value {
        public Instance(String libraryClass, ClassInfo projectClass, Expr.Call construction, Scope constructionScope) {
            this(libraryClass, projectClass, construction, constructionScope, List.of());
        }

        /** Every construction this object may come from. */
        public List<Expr.Call> constructions() {
            List<Expr.Call> all = new java.util.ArrayList<>();
            if (construction != null) {
                all.add(construction);
            }
            all.addAll(alternatives);
            return all;
        }
    }

    /** A function or method of the analysed project; {@code self} is the bound receiver class, if any. */
    record Function(FunctionInfo function, ClassInfo self) implements Value {}

    /** A class of the analysed project (not an instance of it). */
    record ProjectClass(ClassInfo cls) implements Value {}

    /** A module of the analysed project. */
    record ProjectModule(ModuleInfo module) implements Value {}

    /** A literal constant ({@code 1}, {@code 'mean'}), as written in the source. */
    record Constant(String text) implements Value {}

    /** A tuple whose elements are known one by one. */
    record Tuple(List<Value> items) implements Value {}

    /** True when two values are the same as far as rules can tell (same kind, same object). */
    static boolean same(Value a, Value b) {
        if (a instanceof Tensor ta && b instanceof Tensor tb) {
            return ta.kind() == tb.kind() && java.util.Objects.equals(ta.dtype(), tb.dtype());
        }
        if (a instanceof Loss la && b instanceof Loss lb) {
            return la.category().equals(lb.category());
        }
        if (a instanceof Instance ia && b instanceof Instance ib) {
            return ia.construction() != null && ia.construction() == ib.construction()
                    || ia.construction() == null && ib.construction() == null
                    && java.util.Objects.equals(ia.libraryClass(), ib.libraryClass())
                    && ia.projectClass() == ib.projectClass();
        }
        if (a instanceof Tuple ta && b instanceof Tuple tb) {
            if (ta.items().size() != tb.items().size()) {
                return false;
            }
            for (int i = 0; i < ta.items().size(); i++) {
                if (!same(ta.items().get(i), tb.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
