package io.returnflow.returns;

/** Where a decision stands with the marketplace. */
public enum SyncStatus {
    /** Recorded; being sent (or held for an operator, with the reason). */
    PENDING,
    /** The marketplace shows what the decision asked for. */
    SYNCED,
    /** The marketplace refused it (its code and message are kept); the merchant may decide again. */
    FAILED
}
