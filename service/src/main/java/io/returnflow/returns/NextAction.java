package io.returnflow.returns;

/** What the marketplace waits for from the merchant now. */
public enum NextAction {
    /** Approve or reject the buyer's request. */
    RESPOND_REQUEST,
    /** The buyer shipped: approve or reject the received package. */
    CONFIRM_RECEIPT
}
