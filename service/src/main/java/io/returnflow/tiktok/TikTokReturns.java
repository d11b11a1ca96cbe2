package io.returnflow.tiktok;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.messaging.PermanentFailureException;

import org.springframework.stereotype.Component;

/** Reads returns from TikTok: webhooks are only triggers, the return itself is always re-read. */
@Component("tiktokReturns")
public class TikTokReturns {

    private final TikTokClient client;
    private final TikTokEndpoints endpoints;

    public TikTokReturns(TikTokClient client, TikTokEndpoints endpoints) {
        this.client = client;
        this.endpoints = endpoints;
    }

    public TikTokReturn fetch(String returnId, String accessToken, String shopCipher) {
        JsonNode data = client.post(endpoints.searchReturns(), Map.of("page_size", "10"),
                Map.of("return_ids", List.of(returnId)), accessToken, shopCipher);
        for (JsonNode order : data.path("return_orders")) {
            if (returnId.equals(order.path("return_id").asText())) {
                return read(order);
            }
        }
        throw new PermanentFailureException("TikTok has no return " + returnId + " for this shop");
    }

    /** One page of a search by update time, and the next page (TikTok's next_page_token; null on the last). */
    public record Page(List<TikTokReturn> returns, String nextPage) {
    }

    /**
     * The shop's returns TikTok updated from {@code updatedFrom} on (Unix seconds), one page of
     * {@code pageSize} (10 to 50) at a time.
     *
     * @param pageToken the previous page's {@code next_page_token}, or null for the first page
     */
    public Page searchUpdated(String accessToken, String shopCipher, long updatedFrom, int pageSize, String pageToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page_size", String.valueOf(pageSize));
        if (pageToken != null) {
            query.put("page_token", pageToken);
        }
        JsonNode data = client.post(endpoints.searchReturns(), query,
                Map.of("update_time_ge", updatedFrom), accessToken, shopCipher);
        List<TikTokReturn> found = new ArrayList<>();
        data.path("return_orders").forEach(order -> found.add(read(order)));
        String next = data.path("next_page_token").asText("");
        return new Page(List.copyOf(found), next.isBlank() || found.isEmpty() ? null : next);
    }

    static TikTokReturn read(JsonNode order) {
        List<String> nextActions = new ArrayList<>();
        Map<String, Instant> deadlines = new LinkedHashMap<>();
        for (JsonNode action : order.path("seller_next_action_response")) {
            nextActions.add(action.path("action").asText());
            long deadline = action.path("deadline").asLong(0);
            if (deadline > 0) {
                deadlines.put(action.path("action").asText(), Instant.ofEpochSecond(deadline));
            }
        }
        List<TikTokReturn.LineItem> lines = new ArrayList<>();
        for (JsonNode line : order.path("return_line_items")) {
            JsonNode amount = line.path("refund_amount");
            lines.add(new TikTokReturn.LineItem(
                    line.path("return_line_item_id").asText(),
                    line.path("order_line_item_id").asText(),
                    line.path("sku_id").asText(null),
                    line.path("seller_sku").asText(""),
                    line.path("product_name").asText(line.path("sku_name").asText("")),
                    new BigDecimal(amount.path("refund_total").asText("0")),
                    amount.path("currency").asText(order.path("refund_amount").path("currency").asText("USD"))));
        }
        return new TikTokReturn(
                order.path("return_id").asText(),
                order.path("order_id").asText(),
                order.path("return_type").asText(),
                reason(order),
                order.path("return_status").asText(),
                order.path("can_buyer_keep_item").asBoolean(false),
                order.path("return_shipping_document_type").asText(null),
                List.copyOf(nextActions),
                order.path("create_time").asLong(),
                order.path("update_time").asLong(),
                List.copyOf(lines),
                Map.copyOf(deadlines),
                blankAsNull(order.path("shipment_type").asText(null)),
                blankAsNull(order.path("return_method").asText(null)),
                blankAsNull(order.path("return_tracking_number").asText(null)),
                blankAsNull(order.path("arbitration_status").asText(null)));
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String reason(JsonNode order) {
        String text = order.path("return_reason_text").asText("");
        String code = order.path("return_reason").asText("");
        return !text.isBlank() ? text : code.isBlank() ? null : code;
    }
}
