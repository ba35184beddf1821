package dev.lossfn.core.api;

/**
 * A rule: its metadata and a check over one file, which sees the whole file model and the
 * project around it through the {@link RuleContext}. Rules are stateless and run concurrently.
 */
public interface Rule {
    RuleMeta meta();

    void check(RuleContext ctx);
}
