"""Trains the ticket-triage heads from models.py on a synthetic dataset.

Each line that lossfn reports carries a trailing comment naming the rule, and the correct
look-alikes next to them name the rule they must not trigger.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from models import CategoryModel, EscalationModel, TagModel, TeamRouter, UrgencyModel, route_log_probs

VOCAB, CATEGORIES, TEAMS, TAGS = 5000, 8, 5, 12


class Tickets(Dataset):
    def __init__(self, n=2000, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.lengths = torch.randint(8, 64, (n,), generator=g)
        self.tokens = [torch.randint(0, VOCAB, (int(k),), generator=g) for k in self.lengths]
        self.escalated = torch.randint(0, 2, (n,), generator=g).float()
        self.urgent = torch.randint(0, 2, (n,), generator=g).float()
        self.category = torch.randint(0, CATEGORIES, (n,), generator=g)
        self.team = torch.randint(0, TEAMS, (n,), generator=g)
        self.tags = torch.randint(0, 2, (n, TAGS), generator=g).float()

    def __len__(self):
        return len(self.tokens)

    def __getitem__(self, i):
        return self.tokens[i], self.escalated[i], self.urgent[i], self.category[i], self.team[i], self.tags[i]


def collate(batch):
    tokens, esc, urg, cat, team, tags = zip(*batch)
    offsets = torch.tensor([0] + [len(t) for t in tokens[:-1]]).cumsum(0)
    return torch.cat(tokens), offsets, torch.stack(esc), torch.stack(urg), torch.stack(cat), torch.stack(team), torch.stack(tags)


def main(epochs=5):
    loader = DataLoader(Tickets(), batch_size=64, shuffle=True, collate_fn=collate)
    escalation = EscalationModel(VOCAB)
    urgency = UrgencyModel(VOCAB)
    category = CategoryModel(VOCAB, CATEGORIES)
    router = TeamRouter(VOCAB, TEAMS)
    tagger = TagModel(VOCAB, TAGS)
    heads = [escalation, urgency, category, router, tagger]
    optimizer = torch.optim.AdamW([p for m in heads for p in m.parameters()], lr=2e-3)

    bce = nn.BCELoss()
    bce_logits = nn.BCEWithLogitsLoss()
    ce = nn.CrossEntropyLoss(label_smoothing=0.05)

    for epoch in range(epochs):
        for m in heads:
            m.train()
        for tokens, offsets, esc, urg, cat, team, tags in loader:
            optimizer.zero_grad()

            esc_loss = bce(escalation(tokens, offsets), esc)  # expect: LF101
            urg_loss = bce_logits(urgency(tokens, offsets), urg)  # ok: LF101

            cat_loss = ce(category(tokens, offsets), cat)  # expect: LF103
            team_logits = router(tokens, offsets)
            team_loss = ce(team_logits, team)  # ok: LF103
            team_loss = team_loss + F.nll_loss(route_log_probs(router, tokens, offsets), team)  # ok: LF103
            # Softmax over the team logits for logging; the loss above got the logits.
            team_conf = F.softmax(team_logits.detach(), dim=-1).max(dim=-1).values.mean()

            tag_loss = F.binary_cross_entropy(  # expect: LF102
                tagger(tokens, offsets),
                tags,
            )

            loss = esc_loss + urg_loss + cat_loss + team_loss + 0.5 * tag_loss
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.3f}, team confidence {team_conf:.2f}")

    evaluate(loader, escalation, urgency, category, tagger)


@torch.no_grad()
def evaluate(loader, escalation, urgency, category, tagger):
    for m in (escalation, urgency, category, tagger):
        m.eval()
    tp = fp = fn = 0
    for tokens, offsets, esc, urg, cat, team, tags in loader:
        val_bce = F.binary_cross_entropy(escalation(tokens, offsets), esc)  # ok: LF101, LF102
        urgent = urgency.predict_proba(tokens, offsets) > 0.5  # ok: LF101
        hit = urgent & (urg > 0.5)
        tp += hit.sum().item()
        fp += (urgent & (urg < 0.5)).sum().item()
        fn += ((~urgent) & (urg > 0.5)).sum().item()
        cat_acc = (category(tokens, offsets).argmax(dim=-1) == cat).float().mean()  # ok: LF103
        tag_probs = tagger(tokens, offsets)
    f1 = 2 * tp / max(2 * tp + fp + fn, 1)
    print(f"val bce {val_bce:.3f}, urgency F1 {f1:.3f}, category acc {cat_acc:.3f}, tags {tag_probs.shape}")


if __name__ == "__main__":
    main()
