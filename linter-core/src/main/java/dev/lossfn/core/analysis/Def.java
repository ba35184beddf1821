package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import java.util.List;

/**
 * One binding of a name in a scope: an assignment (with the position inside a destructuring
 * target), an import, a function or class definition, or something unknowable (loop variables,
 * {@code with ... as x}, augmented assignment). {@code site} is where the binding takes effect (the
 * end of its statement); {@code valueSite} is where its value is evaluated (the start), so that
 * {@code x = x.squeeze()} reads the previous {@code x}.
 */
public record Def(String name, Type type, Expr value, int[] unpack, String importedName, FunctionInfo function,
                  ClassInfo cls, Scope scope, Site site, Site valueSite, List<Def> branches) {

    /** BRANCHES: an {@code if}/{@code else} whose every branch binds the name; its value joins theirs. */
    public enum Type { VALUE, IMPORT, FUNCTION, CLASS, UNKNOWN, BRANCHES }

    public Def(String name, Type type, Expr value, int[] unpack, String importedName, FunctionInfo function,
               ClassInfo cls, Scope scope, Site site, Site valueSite) {
        this(name, type, value, unpack, importedName, function, cls, scope, site, valueSite, List.of());
    }
}
