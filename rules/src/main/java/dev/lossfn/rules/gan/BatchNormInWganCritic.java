package dev.lossfn.rules.gan;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.ClassInfo;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** LF801: BatchNorm layers in the critic of a Wasserstein GAN or a gradient-penalised discriminator. */
public final class BatchNormInWganCritic implements Rule {

    public static final RuleMeta META = new RuleMeta("LF801", "batchnorm-in-wgan-critic",
            "The critic of a Wasserstein GAN (or a discriminator with a gradient penalty) uses BatchNorm",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags each `BatchNorm1d/2d/3d`, `SyncBatchNorm` (and Keras `BatchNormalization`, flax \
            `BatchNorm`) layer built inside a project class that some file of the project trains as a \
            Wasserstein critic: its scores enter a difference of means (`-torch.mean(D(real)) + \
            torch.mean(D(fake))`, `tf.reduce_mean`, also through variables), or the file computes a gradient penalty \
            (`torch.autograd.grad(..., create_graph=True)`, a function named like `gradient_penalty`) and \
            builds the class, which is named like a critic or discriminator. Critics with LayerNorm, \
            InstanceNorm or spectral normalisation, and the discriminators of GANs trained with a \
            cross-entropy, hinge or least-squares loss and no penalty, are not flagged. Layers added by \
            helper functions outside the class are not seen.
            """,
            """
            The Wasserstein critic must be a function of each sample alone, and the gradient penalty \
            constrains the gradient of the critic's output with respect to each input separately. \
            BatchNorm mixes the samples of a batch: the critic's score of one image depends on the \
            others, the per-sample gradient the penalty normalises is not the one that trains, and the \
            penalty stops enforcing the Lipschitz constraint. WGAN-GP's authors recommend no batch \
            normalisation in the critic (layer normalisation instead); with it training is unstable or \
            the critic loss drifts.
            """,
            """
            import torch
            import torch.nn as nn

            class Critic(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.net = nn.Sequential(nn.Linear(784, 256), nn.BatchNorm1d(256), nn.LeakyReLU(0.2),
                                             nn.Linear(256, 1))

                def forward(self, x):
                    return self.net(x)

            critic = Critic()

            def critic_loss(real, fake):
                return -torch.mean(critic(real)) + torch.mean(critic(fake))
            """,
            """
            import torch
            import torch.nn as nn

            class Critic(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.net = nn.Sequential(nn.Linear(784, 256), nn.LayerNorm(256), nn.LeakyReLU(0.2),
                                             nn.Linear(256, 1))

                def forward(self, x):
                    return self.net(x)

            critic = Critic()

            def critic_loss(real, fake):
                return -torch.mean(critic(real)) + torch.mean(critic(fake))
            """,
            "Remove BatchNorm from the critic: use LayerNorm (or InstanceNorm with affine=True), spectral "
                    + "normalisation, or no normalisation.",
            List.of());

    private static final Set<String> BATCH_NORMS = Set.of("torch.nn.BatchNorm1d", "torch.nn.BatchNorm2d",
            "torch.nn.BatchNorm3d", "torch.nn.SyncBatchNorm", "torch.nn.LazyBatchNorm1d", "torch.nn.LazyBatchNorm2d",
            "torch.nn.LazyBatchNorm3d", "keras.layers.BatchNormalization", "flax.linen.BatchNorm");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        if (ctx.module().classes().isEmpty()) {
            return;
        }
        Map<ClassInfo, Boolean> critics = Wgan.critics(ctx.project());
        for (ClassInfo cls : ctx.module().classes()) {
            Boolean wasserstein = critics.get(cls);
            if (wasserstein == null) {
                continue;
            }
            for (CallSite cs : ctx.callSites()) {
                if (!cls.def().span().contains(cs.call().span())) {
                    continue;
                }
                String q = ctx.evaluator().qualifiedName(cs.call().callee(), cs.scope(), cs.site());
                if (q != null && BATCH_NORMS.contains(q)) {
                    ctx.report(cs.call(), (wasserstein ? "BatchNorm in the critic of a Wasserstein GAN ("
                            : "BatchNorm in a discriminator trained with a gradient penalty (") + cls.name()
                            + "): it mixes the samples of a batch, so each sample's score (and any gradient penalty) "
                            + "depends on the rest of the batch; use LayerNorm or no normalisation");
                }
            }
        }
    }
}
