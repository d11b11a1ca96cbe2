package io.returnflow.returns;

import java.util.List;

/**
 * {@code POST /api/returns/{id}/decision}: a verdict per item, and what the marketplace needs with it.
 *
 * @param returnless   approve without the item coming back (the buyer keeps it), where the return allows it
 * @param rejectReason the marketplace's reject reason {@code name}; required when every item is rejected
 */
public record DecisionRequest(List<Item> items, Boolean returnless, String rejectReason, String comment) {

    public record Item(String itemId, ItemVerdict decision) {
    }

    boolean isReturnless() {
        return Boolean.TRUE.equals(returnless);
    }
}
