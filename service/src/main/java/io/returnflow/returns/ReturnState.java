package io.returnflow.returns;

/** Where a return stands for the merchant. */
public enum ReturnState {
    /** The marketplace waits for the merchant (a request, or a received package to confirm). */
    OPEN,
    APPROVED,
    PARTIALLY_APPROVED,
    REJECTED,
    /** Closed by the buyer or the platform. */
    CANCELLED,
    COMPLETED;

    /**
     * The state after the marketplace reports {@code reported} (null: a status it has no opinion
     * on). A partial approval stays partial when the marketplace reports the approved part.
     */
    public ReturnState then(ReturnState reported) {
        if (reported == null || (this == PARTIALLY_APPROVED && reported == APPROVED)) {
            return this;
        }
        return reported;
    }

    public boolean isFinal() {
        return this == CANCELLED || this == COMPLETED;
    }
}
