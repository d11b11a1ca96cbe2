package io.returnflow.tiktok;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.returns.ItemMatcher;
import io.returnflow.returns.NewReturn;
import io.returnflow.returns.NextAction;
import io.returnflow.returns.ReturnKind;
import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnState;
import io.returnflow.returns.ReturnStore;
import io.returnflow.returns.SourceStatus;
import io.returnflow.shopify.ShopifyOrder;

import org.springframework.stereotype.Component;

/**
 * Buyer cancellation requests from TikTok (webhook type 11), recorded as cases of kind CANCELLATION
 * whose source return id is TikTok's cancel_id. As for returns, the webhook is only a trigger: the
 * cancellation is always re-read ({@code cancellations/search} by {@code cancel_ids}).
 *
 * <p>Statuses: {@code CANCELLATION_REQUEST_PENDING} waits for the seller ({@code SELLER_RESPOND_CANCEL});
 * {@code _SUCCESS} (the order is cancelled) and {@code _COMPLETE} (refunded) end it as the buyer asked;
 * {@code _CANCEL} closes it without cancelling the order (after the seller's reject, or the buyer
 * withdrawing it: TikTok's material does not say which it shows after a reject, see
 * docs/tiktok-cancellations.md). Other statuses are accepted and leave the state as it was.
 */
@Component("tiktokCancellations")
public class TikTokCancellations {

    private static final Map<String, ReturnState> STATES = Map.of(
            "CANCELLATION_REQUEST_PENDING", ReturnState.OPEN,
            "CANCELLATION_REQUEST_SUCCESS", ReturnState.COMPLETED,
            "CANCELLATION_REQUEST_COMPLETE", ReturnState.COMPLETED,
            "CANCELLATION_REQUEST_CANCEL", ReturnState.CANCELLED);

    private final TikTokClient client;
    private final TikTokEndpoints endpoints;
    private final ReturnStore store;
    private final ItemMatcher matcher;

    public TikTokCancellations(TikTokClient client, TikTokEndpoints endpoints, ReturnStore store, ItemMatcher matcher) {
        this.client = client;
        this.endpoints = endpoints;
        this.store = store;
        this.matcher = matcher;
    }

    public TikTokCancellation fetch(String cancelId, String accessToken, String shopCipher) {
        JsonNode data = client.post(endpoints.searchCancellations(), Map.of("page_size", "10"),
                Map.of("cancel_ids", List.of(cancelId)), accessToken, shopCipher);
        for (JsonNode cancellation : data.path("cancellations")) {
            if (cancelId.equals(cancellation.path("cancel_id").asText())) {
                return read(cancellation);
            }
        }
        throw new PermanentFailureException("TikTok has no cancellation " + cancelId + " for this shop");
    }

    /** One page of a search by update time, and the next page (TikTok's next_page_token; null on the last). */
    public record Page(List<TikTokCancellation> cancellations, String nextPage) {
    }

    /**
     * The shop's cancellations TikTok updated from {@code updatedFrom} on (Unix seconds), one page of
     * {@code pageSize} (1 to 50) at a time.
     *
     * @param pageToken the previous page's {@code next_page_token}, or null for the first page
     */
    public Page searchUpdated(String accessToken, String shopCipher, long updatedFrom, int pageSize, String pageToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page_size", String.valueOf(pageSize));
        if (pageToken != null) {
            query.put("page_token", pageToken);
        }
        JsonNode data = client.post(endpoints.searchCancellations(), query, Map.of("update_time_ge", updatedFrom),
                accessToken, shopCipher);
        List<TikTokCancellation> found = new ArrayList<>();
        data.path("cancellations").forEach(cancellation -> found.add(read(cancellation)));
        String next = data.path("next_page_token").asText("");
        return new Page(List.copyOf(found), next.isBlank() || found.isEmpty() ? null : next);
    }

    public boolean isKnown(String shopId, String cancelId) {
        return store.idOf(ReturnSource.TIKTOK, shopId, cancelId).isPresent();
    }

    /** TikTok's update time the cancellation was last recorded at; empty when it was never recorded. */
    public Optional<Long> recordedUpdateTime(String shopId, String cancelId) {
        return store.sourceUpdatedAt(ReturnSource.TIKTOK, shopId, cancelId);
    }

    /** Moves the recorded case to TikTok's status, never back to an older one. */
    public boolean applyStatus(String shopId, TikTokCancellation cancellation) {
        return store.applyStatus(ReturnSource.TIKTOK, shopId, cancellation.cancelId(), status(cancellation));
    }

    /** The case to record the first time the cancellation is seen, its units matched to the Shopify order's lines. */
    public NewReturn draft(String merchantId, String shopId, TikTokCancellation cancellation,
                           Optional<ShopifyOrder> shopifyOrder) {
        ShopifyOrder order = shopifyOrder == null ? null : shopifyOrder.orElse(null);
        List<ItemMatcher.ReturnedUnit> units = cancellation.lineItems().stream()
                .map(line -> new ItemMatcher.ReturnedUnit(line.returnLineItemId(), line.sellerSku(), line.productName(),
                        line.refundTotal(), line.currency()))
                .toList();
        String attention = order == null
                ? "No Shopify order carries TikTok order " + cancellation.orderId() + ": check TikTok's Shopify channel sync"
                : null;
        return new NewReturn(merchantId, ReturnSource.TIKTOK, shopId, cancellation.cancelId(), cancellation.orderId(),
                cancellation.cancelType(), cancellation.reason(), status(cancellation), false, null,
                order == null ? null : order.id(), order == null ? null : order.name(), attention,
                matcher.match(units, order), ReturnKind.CANCELLATION);
    }

    /** The cancellation's status in the service's terms: the seller's deadline is SELLER_RESPOND_CANCEL's. */
    public static SourceStatus status(TikTokCancellation cancellation) {
        boolean awaited = cancellation.sellerNextActions().contains(TikTokCancellation.RESPOND_CANCEL);
        NextAction next = awaited ? NextAction.RESPOND_REQUEST : null;
        ReturnState mapped = STATES.get(cancellation.cancelStatus());
        ReturnState state = mapped != null && mapped.isFinal() ? mapped : awaited ? ReturnState.OPEN : mapped;
        return new SourceStatus(cancellation.cancelStatus(), cancellation.updateTime(), next, state,
                awaited ? cancellation.actionDeadlines().get(TikTokCancellation.RESPOND_CANCEL) : null,
                awaited ? TikTokCancellation.RESPOND_CANCEL : null);
    }

    static TikTokCancellation read(JsonNode cancellation) {
        List<String> nextActions = new ArrayList<>();
        Map<String, Instant> deadlines = new LinkedHashMap<>();
        for (JsonNode action : cancellation.path("seller_next_action_response")) {
            nextActions.add(action.path("action").asText());
            long deadline = action.path("deadline").asLong(0);
            if (deadline > 0) {
                deadlines.put(action.path("action").asText(), Instant.ofEpochSecond(deadline));
            }
        }
        String currency = cancellation.path("refund_amount").path("currency").asText("USD");
        List<TikTokReturn.LineItem> lines = new ArrayList<>();
        for (JsonNode line : cancellation.path("cancel_line_items")) {
            JsonNode amount = line.path("refund_amount");
            lines.add(new TikTokReturn.LineItem(
                    line.path("cancel_line_item_id").asText(),
                    line.path("order_line_item_id").asText(),
                    line.path("sku_id").asText(null),
                    line.path("seller_sku").asText(""),
                    line.path("product_name").asText(line.path("sku_name").asText("")),
                    new BigDecimal(amount.path("refund_total").asText("0")),
                    amount.path("currency").asText(currency)));
        }
        String text = cancellation.path("cancel_reason_text").asText("");
        String code = cancellation.path("cancel_reason").asText("");
        return new TikTokCancellation(
                cancellation.path("cancel_id").asText(),
                cancellation.path("order_id").asText(),
                cancellation.path("cancel_type").asText("BUYER_CANCEL"),
                !text.isBlank() ? text : code.isBlank() ? null : code,
                cancellation.path("cancel_status").asText(),
                List.copyOf(nextActions),
                cancellation.path("create_time").asLong(),
                cancellation.path("update_time").asLong(),
                List.copyOf(lines),
                Map.copyOf(deadlines));
    }
}
