package dev.lossfn.core.analysis;

/** What a tensor is, as far as the loss rules care (RULES.md, "How values are described"). */
public enum Kind {
    LOGITS,
    SIGMOID_PROB,
    SOFTMAX_PROB,
    LOG_PROB,
    ONE_HOT
}
