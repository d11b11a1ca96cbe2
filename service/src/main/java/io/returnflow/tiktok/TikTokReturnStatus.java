package io.returnflow.tiktok;

import java.util.List;
import java.util.Map;

import io.returnflow.returns.NextAction;
import io.returnflow.returns.ReturnState;

/**
 * TikTok's return status and next seller action, in the service's terms. Unknown statuses are
 * accepted: they leave the state as it was. So does {@code AWAITING_BUYER_RESPONSE} (TikTok waits
 * for the buyer, e.g. to accept a partial refund offer): the merchant's decision stands meanwhile.
 */
public final class TikTokReturnStatus {

    private static final Map<String, ReturnState> STATES = Map.ofEntries(
            Map.entry("RETURN_OR_REFUND_REQUEST_PENDING", ReturnState.OPEN),
            Map.entry("REPLACEMENT_REQUEST_PENDING", ReturnState.OPEN),
            Map.entry("BUYER_SHIPPED_ITEM", ReturnState.OPEN),
            Map.entry("AWAITING_BUYER_SHIP", ReturnState.APPROVED),
            Map.entry("REFUND_OR_RETURN_REQUEST_REJECT", ReturnState.REJECTED),
            Map.entry("REPLACEMENT_REQUEST_REJECT", ReturnState.REJECTED),
            Map.entry("REJECT_RECEIVE_PACKAGE", ReturnState.REJECTED),
            Map.entry("RETURN_OR_REFUND_REQUEST_SUCCESS", ReturnState.COMPLETED),
            Map.entry("RETURN_OR_REFUND_REQUEST_COMPLETE", ReturnState.COMPLETED),
            Map.entry("REPLACEMENT_REQUEST_REFUND_SUCCESS", ReturnState.COMPLETED),
            Map.entry("REPLACEMENT_REQUEST_COMPLETE", ReturnState.COMPLETED),
            Map.entry("RETURN_OR_REFUND_REQUEST_CANCEL", ReturnState.CANCELLED),
            Map.entry("REPLACEMENT_REQUEST_CANCEL", ReturnState.CANCELLED));

    private static final String RECEIVE_PACKAGE = "SELLER_RESPOND_RECEIVE_PACKAGE";

    private TikTokReturnStatus() {
    }

    /** The seller's next action, from {@code seller_next_action_response[].action}. */
    public static NextAction nextAction(List<String> sellerNextActions) {
        String awaited = awaitedAction(sellerNextActions);
        if (awaited == null) {
            return null;
        }
        return awaited.equals(RECEIVE_PACKAGE) ? NextAction.CONFIRM_RECEIPT : NextAction.RESPOND_REQUEST;
    }

    /**
     * TikTok's action the next action stands for (e.g. {@code SELLER_RESPOND_RETURN}): its
     * deadline is the return's. A received package comes first: TikTok waits for that answer now.
     */
    public static String awaitedAction(List<String> sellerNextActions) {
        if (sellerNextActions.contains(RECEIVE_PACKAGE)) {
            return RECEIVE_PACKAGE;
        }
        for (String action : sellerNextActions) {
            if (action.startsWith("SELLER_RESPOND_")) {
                return action;
            }
        }
        return null;
    }

    /** The state the status means, or null for a status this service does not know. */
    public static ReturnState state(String tiktokStatus, NextAction nextAction) {
        ReturnState mapped = STATES.get(tiktokStatus);
        if (mapped != null && mapped.isFinal()) {
            return mapped;
        }
        if (nextAction != null) {
            return ReturnState.OPEN; // TikTok waits for the merchant, whatever the status says
        }
        return mapped;
    }
}
