package io.returnflow.returns;

import java.time.Instant;

/**
 * The "return status changed" event: the marketplace's status of a recorded return changed (or the
 * return was first seen already past the request). Published through the outbox to the multicast
 * address {@value #ADDRESS}; consumers that follow what becomes of a return (WMS targets following
 * outcomes) have a queue each. Events of one return share its message group, so they arrive in order.
 *
 * @param sourceStatus  the marketplace's own word, e.g. {@code RETURN_OR_REFUND_REQUEST_CANCEL}
 * @param reportedState what that status means, or null for a status without a meaning for us
 * @param state         the return's state after it (the merchant's decision may still stand)
 */
public record ReturnStatusChanged(
        String returnId,
        String merchantId,
        ReturnSource source,
        String sourceStatus,
        ReturnState reportedState,
        ReturnState state,
        Instant changedAt) {

    public static final String ADDRESS = "returns.changed";
}
