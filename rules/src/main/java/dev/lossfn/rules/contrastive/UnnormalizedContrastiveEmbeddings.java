package dev.lossfn.rules.contrastive;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** LF803: an InfoNCE / NT-Xent similarity over embeddings that are not L2-normalised. */
public final class UnnormalizedContrastiveEmbeddings implements Rule {

    public static final RuleMeta META = new RuleMeta("LF803", "unnormalized-contrastive-embeddings",
            "A contrastive (InfoNCE / NT-Xent) loss divides raw dot products of unnormalised embeddings by a temperature",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags a cross-entropy (`F.cross_entropy`, `nn.CrossEntropyLoss`) whose logits are a similarity \
            matrix over a temperature: `a @ b.T / t`, `torch.matmul(a, b.t()) / t`, `torch.mm`, \
            `torch.einsum`, `torch.div(sim, t)`, `sim * scale`, also through variables and `torch.cat` of \
            positive and negative parts, when one side is the raw output of a network (`model(x)`, \
            `self.projector(h)`, an instance of an `nn.Module`) with no L2 normalisation in between. \
            Embeddings passed through `F.normalize`, divided by their `norm`, or of unknown origin (a \
            parameter of the loss: the caller may normalise them), and a classifier `h @ W.T` over a \
            weight matrix, are not flagged.
            """,
            """
            The temperature of InfoNCE assumes cosine similarities in [-1, 1]: dividing by t = 0.1 gives \
            logits in [-10, 10]. Raw dot products grow with the embedding norm instead, so the softmax \
            saturates, the loss can be lowered by inflating norms rather than by aligning directions, \
            and the temperature stops meaning anything. SimCLR, MoCo and CLIP all normalise first.
            """,
            """
            import torch
            import torch.nn.functional as F

            def nt_xent_step(encoder, x1, x2, temperature=0.1):
                z = encoder(torch.cat([x1, x2]))
                logits = z @ z.T / temperature
                n = x1.size(0)
                labels = torch.cat([torch.arange(n, 2 * n), torch.arange(n)])
                return F.cross_entropy(logits.fill_diagonal_(float("-inf")), labels)
            """,
            """
            import torch
            import torch.nn.functional as F

            def nt_xent_step(encoder, x1, x2, temperature=0.1):
                z = F.normalize(encoder(torch.cat([x1, x2])), dim=1)
                logits = z @ z.T / temperature
                n = x1.size(0)
                labels = torch.cat([torch.arange(n, 2 * n), torch.arange(n)])
                return F.cross_entropy(logits.fill_diagonal_(float("-inf")), labels)
            """,
            "Normalise the embeddings first: `z = F.normalize(z, dim=1)`, then `z @ z.T / temperature`.",
            List.of());

    private static final int DEPTH = 6;

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        var ev = ctx.evaluator();
        for (CallSite cs : ctx.callSites()) {
            var call = Losses.at(cs, ev);
            if (call.isEmpty() || call.get().api().family() != Losses.Family.CROSS_ENTROPY || call.get().input() == null) {
                continue;
            }
            Walk w = new Walk(ctx, cs.scope());
            Expr similarity = w.scaledSimilarity(call.get().input(), cs.site(), 0);
            if (similarity != null && w.raw != null) {
                ctx.report(cs.call(), "contrastive logits from embeddings that are not L2-normalised: the "
                        + "temperature assumes cosine similarities; normalise with F.normalize(z, dim=1) first",
                        new Related(ctx.path(), w.raw.span(), "unnormalised network output"));
            }
        }
    }

    /** The search from a cross-entropy input back to the embeddings, remembering a raw network output. */
    private static final class Walk {
        private final RuleContext ctx;
        private final Scope scope;
        private Expr raw;

        Walk(RuleContext ctx, Scope scope) {
            this.ctx = ctx;
            this.scope = scope;
        }

        /** {@code sim / t}, {@code sim * s}, {@code torch.div(sim, t)}: the similarity, if its embeddings are raw. */
        Expr scaledSimilarity(Expr e, Site site, int depth) {
            if (depth > DEPTH || e == null) {
                return null;
            }
            if (e instanceof Expr.Name n) {
                var r = ctx.evaluator().reaching(n, scope, site);
                return r == null ? null : scaledSimilarity(r.value(), r.site(), depth + 1);
            }
            if (e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a
                    && Set.of("fill_diagonal_", "masked_fill", "masked_fill_", "float", "contiguous").contains(a.name())) {
                return scaledSimilarity(a.receiver(), site, depth + 1);
            }
            if (e instanceof Expr.BinOp b && (b.op().equals("/") || b.op().equals("*"))) {
                if (b.op().equals("/") && mentionsNorm(b.right())) {
                    return null; // a @ b.T / (|a| |b|): a cosine similarity written out
                }
                Expr sim = b.op().equals("/") ? b.left() : similarityOperand(b, site);
                return sim != null && rawSimilarity(sim, site, depth + 1) ? sim : null;
            }
            if (e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a && a.name().equals("div")) {
                Expr sim = a.receiver() instanceof Expr.Name r && r.id().equals("torch") ? c.argument(0, "input") : a.receiver();
                return sim != null && rawSimilarity(sim, site, depth + 1) ? sim : null;
            }
            return null;
        }

        /** In {@code s * sim} or {@code sim * s}: the side that is a similarity. */
        private Expr similarityOperand(Expr.BinOp b, Site site) {
            return similarity(b.left(), site, 0) != null ? b.left() : similarity(b.right(), site, 0) != null ? b.right() : null;
        }

        /** A similarity (matmul, einsum, cat of them) one of whose factors is a raw network output. */
        boolean rawSimilarity(Expr e, Site site, int depth) {
            List<Expr[]> factors = similarity(e, site, depth);
            if (factors == null) {
                return false;
            }
            for (Expr[] pair : factors) {
                Expr left = embedding(pair[0], site, 0);
                Expr right = embedding(pair[1], site, 0);
                if (left == null || right == null) {
                    continue; // a weight matrix or an unknown value on one side
                }
                for (Expr side : new Expr[] {left, right}) {
                    if (side != NORMALISED) {
                        raw = side;
                        return true;
                    }
                }
            }
            return false;
        }

        /** The factor pairs of a similarity expression, or null when it is none. */
        List<Expr[]> similarity(Expr e, Site site, int depth) {
            if (depth > DEPTH || e == null) {
                return null;
            }
            if (e instanceof Expr.Name n) {
                var r = ctx.evaluator().reaching(n, scope, site);
                return r == null ? null : similarity(r.value(), r.site(), depth + 1);
            }
            if (e instanceof Expr.BinOp b && b.op().equals("@")) {
                return pairs(b.left(), b.right());
            }
            if (e instanceof Expr.Call c) {
                String q = String.valueOf(ctx.evaluator().qualifiedName(c.callee(), scope, site));
                String m = c.callee() instanceof Expr.Attribute a ? a.name() : "";
                if (Set.of("torch.matmul", "torch.mm", "torch.bmm").contains(q)) {
                    return pairs(c.argument(0, "input"), c.argument(1, "other"));
                }
                if ("torch.einsum".equals(q) && c.args().size() == 3) {
                    return pairs(c.args().get(1).value(), c.args().get(2).value());
                }
                if (q.equals("null") && (m.equals("mm") || m.equals("matmul")) && c.args().size() == 1) {
                    return pairs(((Expr.Attribute) c.callee()).receiver(), c.args().get(0).value());
                }
                if ("torch.cat".equals(q) && c.argument(0, "tensors") instanceof Expr.Sequence parts) {
                    List<Expr[]> out = new ArrayList<>();
                    for (Expr p : parts.elements()) {
                        List<Expr[]> inner = similarity(p, site, depth + 1);
                        if (inner != null) {
                            out.addAll(inner);
                        }
                    }
                    return out.isEmpty() ? null : out;
                }
                if (c.callee() instanceof Expr.Attribute a && Set.of("unsqueeze", "view", "squeeze", "reshape").contains(m)) {
                    return similarity(a.receiver(), site, depth + 1);
                }
            }
            return null;
        }

        private static List<Expr[]> pairs(Expr a, Expr b) {
            return a == null || b == null ? null : List.<Expr[]>of(new Expr[] {a, b});
        }

        /**
         * What a factor is: {@link #NORMALISED}, the raw network output it comes from, or null when it
         * is unknown (a parameter, a weight matrix, a queue).
         */
        private Expr embedding(Expr e, Site site, int depth) {
            if (depth > DEPTH || e == null) {
                return null;
            }
            if (e instanceof Expr.Name n) {
                var r = ctx.evaluator().reaching(n, scope, site);
                return r == null ? null : embedding(r.value(), r.site(), depth + 1);
            }
            if (e instanceof Expr.Attribute a && a.name().equals("T")) {
                return embedding(a.receiver(), site, depth + 1);
            }
            if (e instanceof Expr.BinOp b && b.op().equals("/") && mentionsNorm(b.right())) {
                return NORMALISED;
            }
            if (!(e instanceof Expr.Call c)) {
                return null;
            }
            String q = String.valueOf(ctx.evaluator().qualifiedName(c.callee(), scope, site));
            String m = c.callee() instanceof Expr.Attribute a ? a.name() : c.callee() instanceof Expr.Name n ? n.id() : "";
            if ("torch.nn.functional.normalize".equals(q) || m.toLowerCase(java.util.Locale.ROOT).contains("normalize")
                    || m.toLowerCase(java.util.Locale.ROOT).contains("normalise")) {
                return NORMALISED;
            }
            if (c.callee() instanceof Expr.Attribute a && m.equals("div") && c.args().size() == 1 && mentionsNorm(c.args().get(0).value())) {
                return NORMALISED;
            }
            if (c.callee() instanceof Expr.Attribute a && Set.of("t", "transpose", "detach", "clone", "float", "contiguous",
                    "permute").contains(m)) {
                return embedding(a.receiver(), site, depth + 1);
            }
            if ("torch.cat".equals(q) || "torch.stack".equals(q)) {
                if (c.argument(0, "tensors") instanceof Expr.Sequence parts && !parts.elements().isEmpty()) {
                    Expr found = null;
                    for (Expr p : parts.elements()) {
                        Expr k = embedding(p, site, depth + 1);
                        if (k == null) {
                            return null;
                        }
                        if (k != NORMALISED) {
                            found = k;
                        }
                    }
                    return found == null ? NORMALISED : found;
                }
                return null;
            }
            return networkOutput(c, site) ? c : null;
        }

        /** {@code model(x)}, {@code self.projector(h)}, {@code encoder(x)}: a call of a network. */
        private boolean networkOutput(Expr.Call c, Site site) {
            Value callee = ctx.evaluator().eval(c.callee(), scope, site);
            if (callee instanceof Value.Instance inst) {
                return inst.projectClass() != null || inst.libraryClass() != null
                        && inst.libraryClass().startsWith("torch.nn.") && !inst.libraryClass().contains("Loss");
            }
            String name = c.callee() instanceof Expr.Name n ? n.id()
                    : c.callee() instanceof Expr.Attribute a && a.receiver() instanceof Expr.Name r && r.id().equals("self")
                    ? a.name() : "";
            return name.matches("(?i).*(model|encoder|net|backbone|projector|projection|proj_head|head).*");
        }

        private static boolean mentionsNorm(Expr e) {
            for (Expr d : Expr.descendants(e)) {
                if (d instanceof Expr.Attribute a && (a.name().equals("norm") || a.name().equals("vector_norm"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Marks a normalised factor. */
    private static final Expr NORMALISED = new Expr.Name("<normalised>", dev.lossfn.core.model.Span.NONE);
}
