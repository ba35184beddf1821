"""Models for a support-ticket triage service.

All heads share a bag-of-embeddings text encoder. Three of them return logits, as the
losses in train.py expect; two apply their activation inside forward(), which is the
red flag lossfn looks for once they are trained (see train.py).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TicketEncoder(nn.Module):
    """Mean of token embeddings followed by a small MLP."""

    def __init__(self, vocab_size, dim=128, dropout=0.1):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.proj = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Dropout(dropout))

    def forward(self, tokens, offsets):
        return self.proj(self.embed(tokens, offsets))


class EscalationModel(nn.Module):
    """Will the ticket be escalated? Binary, but forward() already applies the sigmoid."""

    def __init__(self, vocab_size, dim=128):
        super().__init__()
        self.encoder = TicketEncoder(vocab_size, dim)
        self.head = nn.Linear(dim, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, tokens, offsets):
        logits = self.head(self.encoder(tokens, offsets)).squeeze(-1)
        return self.sigmoid(logits)


class UrgencyModel(nn.Module):
    """Is the ticket urgent? Binary, returns logits; probabilities only through predict_proba()."""

    def __init__(self, vocab_size, dim=128):
        super().__init__()
        self.encoder = TicketEncoder(vocab_size, dim)
        self.head = nn.Linear(dim, 1)

    def forward(self, tokens, offsets):
        return self.head(self.encoder(tokens, offsets)).squeeze(-1)

    @torch.no_grad()
    def predict_proba(self, tokens, offsets):
        return torch.sigmoid(self(tokens, offsets))


class CategoryModel(nn.Module):
    """Product area (billing, login, ...). Multi-class, but the classifier ends in nn.Softmax."""

    def __init__(self, vocab_size, num_categories, dim=128):
        super().__init__()
        self.encoder = TicketEncoder(vocab_size, dim)
        self.classifier = nn.Sequential(
            nn.Linear(dim, dim),
            nn.ReLU(),
            nn.Linear(dim, num_categories),
            nn.Softmax(dim=-1),
        )

    def forward(self, tokens, offsets):
        return self.classifier(self.encoder(tokens, offsets))


class TeamRouter(nn.Module):
    """Which team should handle the ticket? Multi-class, returns logits."""

    def __init__(self, vocab_size, num_teams, dim=128):
        super().__init__()
        self.encoder = TicketEncoder(vocab_size, dim)
        self.head = nn.Linear(dim, num_teams)

    def forward(self, tokens, offsets):
        return self.head(self.encoder(tokens, offsets))


class TagModel(nn.Module):
    """Free-form tags (multi-label). Logits while training, probabilities in eval mode."""

    def __init__(self, vocab_size, num_tags, dim=128):
        super().__init__()
        self.encoder = TicketEncoder(vocab_size, dim)
        self.head = nn.Linear(dim, num_tags)

    def forward(self, tokens, offsets):
        logits = self.head(self.encoder(tokens, offsets))
        if self.training:
            return logits
        return torch.sigmoid(logits)


def route_log_probs(router, tokens, offsets):
    """Log-probabilities over teams, for the NLL objective and for beam-style re-ranking."""
    return F.log_softmax(router(tokens, offsets), dim=-1)
