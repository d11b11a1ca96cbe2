package io.returnflow.returns;

/** A decision over all the items of a return. */
public enum Verdict {
    /** Every item approved. */
    APPROVED,
    /** Every item rejected. */
    REJECTED,
    /** Some items approved, some rejected: the merchant's mixedDecision says what the marketplace hears. */
    MIXED;

    ReturnState state() {
        return switch (this) {
            case APPROVED -> ReturnState.APPROVED;
            case REJECTED -> ReturnState.REJECTED;
            case MIXED -> ReturnState.PARTIALLY_APPROVED;
        };
    }
}
