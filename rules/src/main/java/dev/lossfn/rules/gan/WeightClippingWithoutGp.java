package dev.lossfn.rules.gan;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.core.model.Stmt;
import java.util.List;
import java.util.Set;

/** LF802: WGAN weight clipping of the critic's parameters, with no gradient penalty. */
public final class WeightClippingWithoutGp implements Rule {

    public static final RuleMeta META = new RuleMeta("LF802", "weight-clipping-without-gp",
            "The critic's weights are clipped to enforce the Lipschitz constraint, with no gradient penalty",
            Severity.NOTE, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `p.data.clamp_(-c, c)` (also `clip_`, and `p.data = p.data.clamp(...)`-style calls on \
            `p` or `p.data`) in a loop `for p in D.parameters():` over a critic or discriminator (an object \
            named like `critic`, `discriminator`, `netD`, `D`, or an instance of a class named so), in a \
            file without a gradient penalty. A file that also computes a gradient penalty, and clamps of \
            other parameters, are not flagged. It is a note: weight clipping is the original WGAN recipe, \
            and it works, badly.
            """,
            """
            Clipping every weight to [-c, c] is a crude way to keep the critic Lipschitz: with c too \
            large the critic trains slowly, with c too small the gradients vanish, and in between the \
            weights pile up at the two bounds and the critic learns only very simple functions. The \
            gradient penalty (WGAN-GP) or spectral normalisation enforce the constraint without these \
            failure modes and train faster and more stably.
            """,
            """
            def train_critic(critic, optimizer, real, fake):
                loss = -critic(real).mean() + critic(fake).mean()
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                for p in critic.parameters():
                    p.data.clamp_(-0.01, 0.01)
            """,
            """
            import torch

            def gradient_penalty(critic, real, fake):
                alpha = torch.rand(real.size(0), 1, device=real.device)
                mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
                grads = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=True)[0]
                return ((grads.norm(2, dim=1) - 1) ** 2).mean()

            def train_critic(critic, optimizer, real, fake):
                loss = -critic(real).mean() + critic(fake).mean() + 10.0 * gradient_penalty(critic, real, fake)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            """,
            "Replace the clipping with a gradient penalty (WGAN-GP, weight 10) or spectral normalisation "
                    + "(`torch.nn.utils.parametrizations.spectral_norm`).",
            List.of());

    private static final Set<String> CLAMPS = Set.of("clamp_", "clip_", "clamp", "clip");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        if (!ctx.module().model().file().text().contains(".parameters()")) {
            return;
        }
        if (Wgan.of(ctx.module(), ctx.evaluator()).gradientPenalty()) {
            return;
        }
        for (Stmt st : Stmt.descendants(ctx.module().model().body(), true)) {
            if (st instanceof Stmt.Loop l && l.target() instanceof Expr.Name p && criticParameters(l.iterOrTest(), ctx)) {
                for (CallSite cs : ctx.callSites()) {
                    if (l.span().contains(cs.call().span()) && clampOf(cs.call(), p.id())) {
                        ctx.report(cs.call(), "weight clipping keeps the critic Lipschitz only crudely (weights "
                                + "pile up at the bounds, gradients vanish or explode); use a gradient penalty "
                                + "or spectral normalisation");
                    }
                }
            }
        }
    }

    /** {@code D.parameters()} where {@code D} is a critic. */
    private static boolean criticParameters(Expr iter, RuleContext ctx) {
        if (!(iter instanceof Expr.Call c) || !(c.callee() instanceof Expr.Attribute a) || !a.name().equals("parameters")) {
            return false;
        }
        Expr owner = a.receiver();
        String name = owner instanceof Expr.Name n ? n.id() : owner instanceof Expr.Attribute at ? at.name() : "";
        if (Set.of("D", "netD", "net_D", "netd", "d_net", "D_net", "modelD", "model_D").contains(name)
                || Wgan.criticName(name)) {
            return true;
        }
        CallSite site = ctx.module().siteOf(c);
        if (site != null && ctx.evaluator().eval(owner, site) instanceof Value.Instance inst
                && inst.projectClass() != null) {
            return Wgan.criticName(inst.projectClass().name());
        }
        return false;
    }

    /** {@code p.data.clamp_(...)}, {@code p.clamp_(...)}, {@code p.data.clip_(...)} for the loop variable {@code p}. */
    private static boolean clampOf(Expr.Call call, String param) {
        if (!(call.callee() instanceof Expr.Attribute a) || !CLAMPS.contains(a.name()) || call.args().isEmpty()) {
            return false;
        }
        Expr r = a.receiver();
        if (r instanceof Expr.Attribute d && d.name().equals("data")) {
            r = d.receiver();
        }
        return r instanceof Expr.Name n && n.id().equals(param);
    }
}
