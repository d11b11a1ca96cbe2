package io.returnflow.wms.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.merchants.TargetSection;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.messaging.RetryLaterException;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.shopify.ShopifyClient;
import io.returnflow.shopify.ShopifyStore;
import io.returnflow.shopify.ShopifyStores;
import io.returnflow.wms.FollowedOutcome;
import io.returnflow.wms.FollowsReturnOutcome;
import io.returnflow.wms.WmsOutcome;
import io.returnflow.wms.WmsReturn;
import io.returnflow.wms.WmsTarget;

import org.springframework.stereotype.Component;

/**
 * The Shopify returns target: a TikTok return recorded as a return of the merchant's own Shopify
 * order (Admin GraphQL, the pinned {@code shopify.api-version}), so that Shopify's returns, restock
 * and reports show it. {@code returnCreate} for the returned units of the order's fulfilled line
 * items, each line with the reason (a ReturnReason from the buyer's words, the words themselves in
 * the line's note) and the TikTok return's external id at the head of the note: the order's
 * returns are looked up by it before anything is created, so a retry never makes a second one.
 * <p>
 * Afterwards it follows TikTok's outcome where Shopify allows it. Cancelled or rejected on TikTok:
 * {@code returnCancel} (Shopify allows it only before any work was done on the return). Completed
 * on TikTok: {@code returnProcess} confirms the returned units, without a refund (TikTok refunds its
 * orders itself), restocking them at the merchant's location when one is set and the items came
 * back, then {@code returnClose} unless processing closed it. What Shopify refuses is recorded as
 * KEPT with Shopify's words.
 */
@Component("shopifyReturns")
public class ShopifyReturns implements WmsTarget<ShopifyReturnsSettings>, FollowsReturnOutcome<ShopifyReturnsSettings> {

    static final String PARTNER = "Shopify";
    private static final int NOTE_MAX = 255;

    static final String ORDER_RETURNS = """
            query ShopifyOrderReturns($orderId: ID!) {
              order(id: $orderId) {
                id
                name
                returns(first: 20) { nodes { id status returnLineItems(first: 1) { nodes { returnReasonNote } } } }
              }
            }""";

    static final String RETURNABLE = """
            query ShopifyReturnableFulfillments($orderId: ID!) {
              returnableFulfillments(orderId: $orderId, first: 5) {
                nodes {
                  id
                  returnableFulfillmentLineItems(first: 25) {
                    nodes { quantity fulfillmentLineItem { id lineItem { id sku } } }
                  }
                }
              }
            }""";

    static final String CREATE = """
            mutation ShopifyReturnCreate($returnInput: ReturnInput!) {
              returnCreate(returnInput: $returnInput) {
                return { id name status }
                userErrors { field message code }
              }
            }""";

    static final String RETURN = """
            query ShopifyReturn($id: ID!) {
              return(id: $id) {
                id
                status
                returnLineItems(first: 50) {
                  nodes { ... on ReturnLineItem { id quantity processableQuantity fulfillmentLineItem { id } } }
                }
              }
            }""";

    static final String REVERSE_FULFILLMENT = """
            query ShopifyReturnReverseFulfillment($id: ID!) {
              return(id: $id) {
                reverseFulfillmentOrders(first: 2) {
                  nodes { lineItems(first: 50) { nodes { id totalQuantity fulfillmentLineItem { id } } } }
                }
              }
            }""";

    static final String CANCEL = """
            mutation ShopifyReturnCancel($id: ID!) {
              returnCancel(id: $id) { return { id status } userErrors { field message code } }
            }""";

    static final String PROCESS = """
            mutation ShopifyReturnProcess($input: ReturnProcessInput!) {
              returnProcess(input: $input) { return { id status } userErrors { field message code } }
            }""";

    static final String CLOSE = """
            mutation ShopifyReturnClose($id: ID!) {
              returnClose(id: $id) { return { id status } userErrors { field message code } }
            }""";

    private final ShopifyClient shopify;
    private final ShopifyStores stores;
    private final ShopifyReturnReasons reasons;
    private final ShopifyReturnsProperties properties;
    private final Clock clock;

    public ShopifyReturns(ShopifyClient shopify, ShopifyStores stores, ShopifyReturnsProperties properties, Clock clock) {
        this.shopify = shopify;
        this.stores = stores;
        this.reasons = new ShopifyReturnReasons(properties);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public TargetSection<ShopifyReturnsSettings> section() {
        return ShopifyReturnsSettings.SECTION;
    }

    @Override
    public String createReturnAuthorization(WmsReturn ret, ShopifyReturnsSettings settings, String waitingSince) {
        if (ret.shopifyOrderId() == null) {
            throw new PermanentFailureException("return " + ret.returnId() + " has no Shopify order to record it on");
        }
        ShopifyStore store = stores.forMerchant(ret.merchantId());
        Optional<String> existing = existing(store, ret);
        if (existing.isPresent()) {
            return existing.get(); // a retry, a redelivery or a replay: never a second return
        }
        ShopifyReturnLines.Allotment allotment = ShopifyReturnLines.allot(ret.items(), returnable(store, ret));
        if (!allotment.missing().isEmpty()) {
            waitForFulfillment(ret, allotment, waitingSince);
        }
        String reason = reasons.of(ret.reason());
        String note = note(ret);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ShopifyReturnLines.Line line : allotment.lines()) {
            lines.add(Map.of("fulfillmentLineItemId", line.fulfillmentLineItemId(), "quantity", line.quantity(),
                    "returnReason", reason, "returnReasonNote", note));
        }
        JsonNode payload = shopify.query(store, CREATE, Map.of("returnInput",
                Map.of("orderId", ret.shopifyOrderId(), "returnLineItems", lines))).path("returnCreate");
        refusedUnless(payload, "returnCreate");
        String id = payload.path("return").path("id").asText("");
        if (id.isBlank()) {
            // Created without saying so? The next try finds it by its note.
            throw new RetryLaterException("Shopify's returnCreate for " + ret.externalId() + " answered no return id");
        }
        return id;
    }

    @Override
    public FollowedOutcome follow(WmsOutcome outcome, String returnId, ShopifyReturnsSettings settings) {
        if (outcome.state() == null) {
            return null;
        }
        return switch (outcome.state()) {
            case CANCELLED, REJECTED -> cancel(stores.forMerchant(outcome.merchantId()), returnId);
            case COMPLETED -> complete(stores.forMerchant(outcome.merchantId()), returnId, outcome, settings);
            // OPEN, APPROVED, PARTIALLY_APPROVED: the Shopify return stays open while TikTok's goes on
            default -> null;
        };
    }

    /** The note of every line: the external id first (how a retry finds the return), then the marketplace's words. */
    static String note(WmsReturn ret) {
        String note = marker(ret) + " " + ret.description() + (ret.reason() == null ? "" : ": " + ret.reason());
        return note.length() <= NOTE_MAX ? note : note.substring(0, NOTE_MAX);
    }

    private static String marker(WmsReturn ret) {
        return "[" + ret.externalId() + "]";
    }

    private Optional<String> existing(ShopifyStore store, WmsReturn ret) {
        JsonNode order = shopify.query(store, ORDER_RETURNS, Map.of("orderId", ret.shopifyOrderId())).path("order");
        if (order.isMissingNode() || order.isNull()) {
            throw new PermanentFailureException("Shopify has no order " + ret.shopifyOrderId() + " in " + store.shopDomain());
        }
        for (JsonNode existing : order.path("returns").path("nodes")) {
            for (JsonNode line : existing.path("returnLineItems").path("nodes")) {
                if (line.path("returnReasonNote").asText("").startsWith(marker(ret))) {
                    return Optional.of(existing.path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    private List<ShopifyReturnLines.Returnable> returnable(ShopifyStore store, WmsReturn ret) {
        List<ShopifyReturnLines.Returnable> returnable = new ArrayList<>();
        JsonNode fulfillments = shopify.query(store, RETURNABLE, Map.of("orderId", ret.shopifyOrderId()))
                .path("returnableFulfillments").path("nodes");
        for (JsonNode fulfillment : fulfillments) {
            for (JsonNode line : fulfillment.path("returnableFulfillmentLineItems").path("nodes")) {
                JsonNode item = line.path("fulfillmentLineItem");
                returnable.add(new ShopifyReturnLines.Returnable(item.path("id").asText(),
                        item.path("lineItem").path("id").asText(null), item.path("lineItem").path("sku").asText(null),
                        line.path("quantity").asInt()));
            }
        }
        return returnable;
    }

    /** Shopify returns fulfilled units only: wait for the fulfillment, up to shopify.returns.fulfillment-wait-up-to. */
    private void waitForFulfillment(WmsReturn ret, ShopifyReturnLines.Allotment allotment, String waitingSince) {
        String what = "Shopify order " + ret.shopifyOrderName() + " has no fulfilled, returnable units for "
                + allotment.missing().entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining(", "));
        Instant since = waitingSince == null ? clock.instant() : Instant.parse(waitingSince);
        if (Duration.between(since, clock.instant()).compareTo(properties.fulfillmentWaitUpTo()) < 0) {
            throw new RetryLaterException(what + " yet");
        }
        throw new PermanentFailureException(what + ", after waiting " + properties.fulfillmentWaitUpTo());
    }

    private FollowedOutcome cancel(ShopifyStore store, String returnId) {
        String status = read(store, returnId).path("status").asText();
        if ("CANCELED".equals(status)) {
            return FollowedOutcome.followed(status);
        }
        if ("CLOSED".equals(status) || "DECLINED".equals(status)) {
            return FollowedOutcome.kept("the Shopify return is " + status + " already");
        }
        JsonNode payload = shopify.query(store, CANCEL, Map.of("id", returnId)).path("returnCancel");
        String refused = refusal(payload);
        return refused != null ? FollowedOutcome.kept(refused) : FollowedOutcome.followed(payload.path("return").path("status").asText("CANCELED"));
    }

    private FollowedOutcome complete(ShopifyStore store, String returnId, WmsOutcome outcome, ShopifyReturnsSettings settings) {
        JsonNode ret = read(store, returnId);
        String status = ret.path("status").asText();
        if ("CLOSED".equals(status)) {
            return FollowedOutcome.followed(status);
        }
        if ("CANCELED".equals(status) || "DECLINED".equals(status)) {
            return FollowedOutcome.kept("the Shopify return is " + status);
        }
        List<Map<String, Object>> lines = toProcess(store, returnId, ret, outcome, settings);
        if (!lines.isEmpty()) {
            // no financial transfer: TikTok refunds its orders itself, Shopify only records the return
            JsonNode processed = shopify.query(store, PROCESS, Map.of("input",
                    Map.of("returnId", returnId, "returnLineItems", lines, "notifyCustomer", false))).path("returnProcess");
            String refused = refusal(processed);
            if (refused != null) {
                return FollowedOutcome.kept(refused);
            }
            status = processed.path("return").path("status").asText(status);
        }
        if ("CLOSED".equals(status)) {
            return FollowedOutcome.followed(status);
        }
        JsonNode closed = shopify.query(store, CLOSE, Map.of("id", returnId)).path("returnClose");
        String refused = refusal(closed);
        return refused != null ? FollowedOutcome.kept(refused) : FollowedOutcome.followed(closed.path("return").path("status").asText("CLOSED"));
    }

    /** Every line still to process, restocked at the merchant's location when the items came back. */
    private List<Map<String, Object>> toProcess(ShopifyStore store, String returnId, JsonNode ret, WmsOutcome outcome,
                                                ShopifyReturnsSettings settings) {
        Map<String, String> reverseLines = settings.restockLocationId() != null && outcome.itemsComeBack()
                ? reverseFulfillmentLines(store, returnId) : Map.of();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (JsonNode line : ret.path("returnLineItems").path("nodes")) {
            int quantity = line.path("processableQuantity").asInt(0);
            if (quantity <= 0) {
                continue;
            }
            Map<String, Object> processed = new LinkedHashMap<>();
            processed.put("id", line.path("id").asText());
            processed.put("quantity", quantity);
            String reverseLine = reverseLines.get(line.path("fulfillmentLineItem").path("id").asText());
            if (reverseLine != null) {
                processed.put("dispositions", List.of(Map.of("reverseFulfillmentOrderLineItemId", reverseLine,
                        "quantity", quantity, "dispositionType", "RESTOCKED", "locationId", settings.restockLocationId())));
            }
            lines.add(processed);
        }
        return lines;
    }

    /** Fulfillment line item -> the reverse fulfillment order line item of this return. */
    private Map<String, String> reverseFulfillmentLines(ShopifyStore store, String returnId) {
        Map<String, String> lines = new LinkedHashMap<>();
        JsonNode orders = shopify.query(store, REVERSE_FULFILLMENT, Map.of("id", returnId))
                .path("return").path("reverseFulfillmentOrders").path("nodes");
        for (JsonNode order : orders) {
            for (JsonNode line : order.path("lineItems").path("nodes")) {
                lines.putIfAbsent(line.path("fulfillmentLineItem").path("id").asText(), line.path("id").asText());
            }
        }
        return lines;
    }

    private JsonNode read(ShopifyStore store, String returnId) {
        JsonNode ret = shopify.query(store, RETURN, Map.of("id", returnId)).path("return");
        if (ret.isMissingNode() || ret.isNull()) {
            throw new PermanentFailureException("Shopify has no return " + returnId + " in " + store.shopDomain());
        }
        return ret;
    }

    /** A mutation's userErrors are a final no, in Shopify's words. */
    private static void refusedUnless(JsonNode payload, String mutation) {
        String refused = refusal(payload);
        if (refused != null) {
            String code = payload.path("userErrors").path(0).path("code").asText("USER_ERROR");
            throw new PartnerRejectedException(PARTNER, code, mutation + ": " + refused);
        }
    }

    /** Shopify's userErrors as one sentence, or null when there are none. */
    private static String refusal(JsonNode payload) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : payload.path("userErrors")) {
            String field = error.path("field").isArray() && !error.path("field").isEmpty()
                    ? String.join(".", toStrings(error.path("field"))) + ": " : "";
            messages.add(field + error.path("message").asText("refused"));
        }
        return messages.isEmpty() ? null : String.join("; ", messages);
    }

    private static List<String> toStrings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(value -> strings.add(value.asText()));
        return strings;
    }
}
