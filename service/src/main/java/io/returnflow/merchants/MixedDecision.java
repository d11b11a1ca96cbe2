package io.returnflow.merchants;

/** What TikTok hears when an operator approves some items of a return and rejects others. */
public enum MixedDecision {
    /** Approve the return; TikTok gets a rejection only when every item is rejected. */
    APPROVE_ALL,
    /** Offer the approved items' refund total as a partial refund. */
    PARTIAL_REFUND,
    /** Hold the sync until an operator decides on TikTok's side. */
    MANUAL
}
