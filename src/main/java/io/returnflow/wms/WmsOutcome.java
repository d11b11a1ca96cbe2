package io.returnflow.wms;

import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnState;

/**
 * What the marketplace now says of a return, as a target following outcomes sees it.
 *
 * @param state        what the marketplace's status means ({@code CANCELLED}, {@code REJECTED},
 *                     {@code COMPLETED}...), or null for a status without a meaning for us
 * @param sourceStatus the marketplace's own word, e.g. {@code RETURN_OR_REFUND_REQUEST_CANCEL}
 */
public record WmsOutcome(String returnId, String merchantId, ReturnSource source, ReturnState state,
                         String sourceStatus) {
}
