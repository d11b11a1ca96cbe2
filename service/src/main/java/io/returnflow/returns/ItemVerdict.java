package io.returnflow.returns;

/** What the merchant decides for one item in a decision request. */
public enum ItemVerdict {
    APPROVE,
    REJECT;

    ItemDecision decision() {
        return this == APPROVE ? ItemDecision.APPROVED : ItemDecision.REJECTED;
    }
}
