package io.returnflow.wms.shiphero;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.merchants.TargetSection;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.messaging.RetryLaterException;
import io.returnflow.wms.WmsReturn;
import io.returnflow.wms.WmsTarget;

import org.springframework.stereotype.Component;

/**
 * The ShipHero WMS target: finds ShipHero's order for the return's Shopify order
 * ({@code shiphero.order-match}), then {@code return_create} with the merchant's warehouse, the
 * returned lines (sku, quantity, reason) and the configured label fields. The order's existing
 * returns are checked first, so a redelivery never makes a second one: a return carrying this
 * return's external id as {@code partner_id}, or one made elsewhere with exactly these lines.
 */
@Component("shipheroReturns")
public class ShipHeroReturns implements WmsTarget<ShipHeroSettings> {

    static final String FIND_ORDERS = """
            query ShipHeroOrders($partnerOrderId: String, $orderNumber: String) {
              orders(partner_order_id: $partnerOrderId, order_number: $orderNumber) {
                request_id
                complexity
                data(first: 5) {
                  edges {
                    node {
                      id legacy_id order_number partner_order_id
                      shipping_address { first_name last_name address1 address2 city state state_code zip country country_code phone }
                    }
                  }
                }
              }
            }""";

    static final String ORDER_RETURNS = """
            query ShipHeroOrderReturns($orderId: String!) {
              order(id: $orderId) {
                request_id
                complexity
                data {
                  id
                  returns { id legacy_id partner_id line_items { quantity line_item { sku } } }
                }
              }
            }""";

    static final String CREATE_RETURN = """
            mutation ShipHeroReturnCreate($data: CreateReturnInput!) {
              return_create(data: $data) {
                request_id
                complexity
                return { id legacy_id partner_id }
              }
            }""";

    private final ShipHeroClient client;
    private final ShipHeroProperties shiphero;
    private final Clock clock;

    public ShipHeroReturns(ShipHeroClient client, ShipHeroProperties shiphero, Clock clock) {
        this.client = client;
        this.shiphero = shiphero;
        this.clock = clock;
    }

    @Override
    public TargetSection<ShipHeroSettings> section() {
        return ShipHeroSettings.SECTION;
    }

    @Override
    public String createReturnAuthorization(WmsReturn ret, ShipHeroSettings settings, String waitingSince) {
        if (settings.warehouseId() == null) {
            throw new PermanentFailureException("merchant " + ret.merchantId() + " has no ShipHero warehouse");
        }
        ShipHeroClient.Session session = client.session(ret.merchantId(), settings);
        JsonNode order = findOrder(session, ret, waitingSince);
        String orderId = order.path("id").asText();
        Optional<String> existing = existingReturn(session, orderId, ret);
        if (existing.isPresent()) {
            return existing.get();
        }
        JsonNode created = session.query("return_create", CREATE_RETURN, Map.of("data", input(ret, settings, order)))
                .path("return_create").path("return");
        String id = created.path("id").asText("");
        if (id.isBlank()) {
            // Created without telling us its id? The next try finds it among the order's returns.
            throw new RetryLaterException("ShipHero's return_create for " + ret.externalId() + " answered no return id");
        }
        return id;
    }

    private JsonNode findOrder(ShipHeroClient.Session session, WmsReturn ret, String waitingSince) {
        if (ret.shopifyOrderId() == null) {
            throw new PermanentFailureException("return " + ret.returnId() + " has no Shopify order, so ShipHero has"
                    + " no order to return against");
        }
        List<String> tried = new ArrayList<>();
        for (ShipHeroProperties.OrderMatch match : shiphero.orderMatch()) {
            Map<String, Object> variables = new LinkedHashMap<>();
            String value = match == ShipHeroProperties.OrderMatch.PARTNER_ORDER_ID ? ret.shopifyOrderNumber() : ret.shopifyOrderName();
            variables.put(match == ShipHeroProperties.OrderMatch.PARTNER_ORDER_ID ? "partnerOrderId" : "orderNumber", value);
            tried.add(match.name().toLowerCase() + " " + value);
            for (JsonNode edge : session.query("orders", FIND_ORDERS, variables).path("orders").path("data").path("edges")) {
                JsonNode node = edge.path("node");
                String found = match == ShipHeroProperties.OrderMatch.PARTNER_ORDER_ID
                        ? node.path("partner_order_id").asText() : node.path("order_number").asText();
                if (value != null && value.equals(found)) {
                    return node;
                }
            }
        }
        String what = "no ShipHero order has " + String.join(" or ", tried) + " (Shopify order " + ret.shopifyOrderName() + ")";
        Instant since = waitingSince == null ? clock.instant() : Instant.parse(waitingSince);
        if (Duration.between(since, clock.instant()).compareTo(shiphero.orderWaitUpTo()) < 0) {
            throw new RetryLaterException(what + " yet");
        }
        throw new PermanentFailureException(what + ", after waiting " + shiphero.orderWaitUpTo());
    }

    private Optional<String> existingReturn(ShipHeroClient.Session session, String orderId, WmsReturn ret) {
        Map<String, Integer> ours = units(ret);
        JsonNode returns = session.query("order", ORDER_RETURNS, Map.of("orderId", orderId))
                .path("order").path("data").path("returns");
        for (JsonNode existing : returns) {
            String partnerId = existing.path("partner_id").asText("");
            if (partnerId.equals(ret.externalId())) {
                return Optional.of(existing.path("id").asText());
            }
            if (partnerId.isBlank() && ours.equals(units(existing))) {
                return Optional.of(existing.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> input(WmsReturn ret, ShipHeroSettings merchant, JsonNode order) {
        ShipHeroProperties.Returns settings = shiphero.returns();
        String reason = ret.reason() == null || ret.reason().isBlank() ? settings.defaultReason() : ret.reason();
        List<Map<String, Object>> lines = new ArrayList<>();
        units(ret).forEach((sku, quantity) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", sku);
            line.put("quantity", quantity);
            line.put("return_reason", reason);
            line.put("condition", settings.condition());
            lines.add(line);
        });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_id", order.path("id").asText());
        data.put("warehouse_id", merchant.warehouseId());
        data.put("return_reason", reason);
        data.put("label_type", settings.labelType());
        data.put("label_cost", settings.labelCost());
        data.put("address", address(order.path("shipping_address")));
        data.put("dimensions", Map.of("weight", settings.dimensions().weight(), "height", settings.dimensions().height(),
                "width", settings.dimensions().width(), "length", settings.dimensions().length()));
        data.put("shipping_carrier", settings.shippingCarrier());
        data.put("shipping_method", settings.shippingMethod());
        data.put("line_items", lines);
        data.put("create_label", settings.createLabel());
        data.put("email_customer_return_label", settings.emailCustomerReturnLabel());
        data.put("partner_id", ret.externalId());
        return data;
    }

    /** Where the parcel comes from: the buyer's address on ShipHero's order. */
    private static Map<String, Object> address(JsonNode a) {
        Map<String, Object> address = new LinkedHashMap<>();
        String name = (a.path("first_name").asText("") + " " + a.path("last_name").asText("")).trim();
        address.put("name", name);
        address.put("address1", a.path("address1").asText(""));
        address.put("address2", a.path("address2").asText(""));
        address.put("city", a.path("city").asText(""));
        address.put("state", a.path("state_code").asText(a.path("state").asText("")));
        address.put("country", a.path("country_code").asText(a.path("country").asText("")));
        address.put("zip", a.path("zip").asText(""));
        address.put("phone", a.path("phone").asText(""));
        return address;
    }

    /** SKU -> units, in SKU order. */
    static Map<String, Integer> units(WmsReturn ret) {
        Map<String, Integer> units = new TreeMap<>();
        for (WmsReturn.Item item : ret.items()) {
            units.merge(item.sku(), item.quantity(), Integer::sum);
        }
        return units;
    }

    private static Map<String, Integer> units(JsonNode existingReturn) {
        Map<String, Integer> units = new TreeMap<>();
        for (JsonNode line : existingReturn.path("line_items")) {
            units.merge(line.path("line_item").path("sku").asText(""), line.path("quantity").asInt(), Integer::sum);
        }
        return units;
    }
}
