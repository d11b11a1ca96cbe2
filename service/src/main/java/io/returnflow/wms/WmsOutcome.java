package io.returnflow.wms;

import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnState;

/**
 * What the marketplace now says of a return, as a target following outcomes sees it.
 *
 * @param state        what the marketplace's status means ({@code CANCELLED}, {@code REJECTED},
 *                     {@code COMPLETED}...), or null for a status without a meaning for us
 * @param sourceStatus the marketplace's own word, e.g. {@code RETURN_OR_REFUND_REQUEST_CANCEL}
 * @param returnType   the marketplace's type of return, e.g. {@code REFUND} (nothing is sent back)
 * @param returnless   the merchant's decision let the buyer keep the items
 */
public record WmsOutcome(String returnId, String merchantId, ReturnSource source, ReturnState state,
                         String sourceStatus, String returnType, boolean returnless) {

    /** Whether the returned items come back to the merchant (not a refund-only return, not returnless). */
    public boolean itemsComeBack() {
        return !"REFUND".equals(returnType) && !returnless;
    }
}
