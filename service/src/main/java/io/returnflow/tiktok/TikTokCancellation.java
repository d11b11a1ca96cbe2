package io.returnflow.tiktok;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A buyer's cancellation request as TikTok's Search Cancellations answers it; ids stay strings.
 *
 * @param cancelType        {@code BUYER_CANCEL} (the buyer asked) or {@code CANCEL} (the seller or the system)
 * @param reason            TikTok's text for the buyer's reason ({@code cancel_reason_text}), else its code, else null
 * @param sellerNextActions {@code seller_next_action_response[].action}: {@code SELLER_RESPOND_CANCEL} while
 *                          TikTok waits for the seller's answer
 * @param actionDeadlines   each of those actions with its {@code deadline}: when TikTok decides by itself
 * @param lineItems         {@code cancel_line_items[]}, one unit each (in {@link TikTokReturn.LineItem}'s
 *                          shape: the cancel line item id where a return has its return line item id)
 */
public record TikTokCancellation(
        String cancelId,
        String orderId,
        String cancelType,
        String reason,
        String cancelStatus,
        List<String> sellerNextActions,
        long createTime,
        long updateTime,
        List<TikTokReturn.LineItem> lineItems,
        Map<String, Instant> actionDeadlines) {

    /** TikTok's action while it waits for the seller to approve or reject the request. */
    public static final String RESPOND_CANCEL = "SELLER_RESPOND_CANCEL";
}
