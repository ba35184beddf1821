package dev.lossfn.core.api;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.analysis.Project;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.model.Node;
import dev.lossfn.core.model.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule sees while it checks one file: the file's module, the project around it, the
 * evaluator, and a way to report. Not shared between threads.
 */
public final class RuleContext {
    private final RuleMeta rule;
    private final ModuleInfo module;
    private final Project project;
    private final List<Finding> sink;

    public RuleContext(RuleMeta rule, ModuleInfo module, Project project, List<Finding> sink) {
        this.rule = rule;
        this.module = module;
        this.project = project;
        this.sink = sink;
    }

    public ModuleInfo module() {
        return module;
    }

    public Project project() {
        return project;
    }

    public Evaluator evaluator() {
        return project.evaluator();
    }

    /** Every call in this file, in source order. */
    public List<CallSite> callSites() {
        return module.callSites();
    }

    /** The display path of the file being checked. */
    public String path() {
        return module.model().file().displayPath();
    }

    /** A related location pointing at where a tensor value came from, or null when it has none. */
    public Related relatedTo(Value value, String message) {
        if (value instanceof Value.Tensor t && t.origin() != null && t.originModule() != null) {
            return new Related(t.originModule().model().file().displayPath(), t.origin().span(), message);
        }
        return null;
    }

    public void report(Node at, String message) {
        report(at.span(), rule.severity(), message, List.of());
    }

    public void report(Node at, String message, Related related) {
        report(at.span(), rule.severity(), message, related == null ? List.of() : List.of(related));
    }

    public void report(Span span, Severity severity, String message, List<Related> related) {
        sink.add(new Finding(rule, severity, path(), span, message, rule.fix(), new ArrayList<>(related), null, false));
    }
}
