package io.returnflow.returns;

/** The merchant's decision on one item. */
public enum ItemDecision {
    PENDING,
    APPROVED,
    REJECTED
}
