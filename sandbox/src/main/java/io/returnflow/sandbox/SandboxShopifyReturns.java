package io.returnflow.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sandbox Shopify's returns (Admin GraphQL 2025-10), refusing what Shopify's documentation says
 * it refuses: every sandbox order is fulfilled (one fulfillment, one fulfillment line item per
 * order line); {@code returnCreate} takes fulfillment line items of the order up to their
 * returnable units, each line with a ReturnReason and a note of at most 255 characters, and makes
 * an OPEN return with a reverse fulfillment order; {@code returnCancel} only while nothing was
 * processed on an OPEN or REQUESTED return (the units become returnable again);
 * {@code returnProcess} confirms up to the processable units of an OPEN return, restocking at a
 * location only when one is given; {@code returnClose} closes an OPEN return. Refusals come as
 * {@code userErrors} with Shopify's ReturnErrorCode values; their wording is the sandbox's own.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxShopifyReturns {

    private static final Logger log = LoggerFactory.getLogger(SandboxShopifyReturns.class);
    static final Set<String> REASONS = Set.of("COLOR", "DEFECTIVE", "NOT_AS_DESCRIBED", "OTHER", "SIZE_TOO_LARGE",
            "SIZE_TOO_SMALL", "STYLE", "UNKNOWN", "UNWANTED", "WRONG_ITEM");
    private static final int NOTE_MAX = 255;

    private final SandboxData data;
    private final Map<String, Return> returns = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(9_000_000);

    SandboxShopifyReturns(SandboxData data) {
        this.data = data;
    }

    /** One return line: its fulfillment line item, units, what was processed and restocked. */
    static final class Line {
        final String id;
        final String fulfillmentLineItemId;
        final String sku;
        final int quantity;
        final String reason;
        final String note;
        final String reverseLineId;
        int processed;
        int restocked;
        String restockedAt;

        Line(String id, String fulfillmentLineItemId, String sku, int quantity, String reason, String note, String reverseLineId) {
            this.id = id;
            this.fulfillmentLineItemId = fulfillmentLineItemId;
            this.sku = sku;
            this.quantity = quantity;
            this.reason = reason;
            this.note = note;
            this.reverseLineId = reverseLineId;
        }
    }

    static final class Return {
        final String id;
        final String name;
        final String orderId;
        final String orderName;
        final List<Line> lines;
        final String reverseFulfillmentOrderId;
        String status = "OPEN";

        Return(String id, String name, String orderId, String orderName, List<Line> lines, String reverseFulfillmentOrderId) {
            this.id = id;
            this.name = name;
            this.orderId = orderId;
            this.orderName = orderName;
            this.lines = lines;
            this.reverseFulfillmentOrderId = reverseFulfillmentOrderId;
        }
    }

    /** A refusal: Shopify's userErrors. */
    record UserError(List<String> field, String message, String code) {
    }

    // --- queries ---

    Map<String, Object> order(String orderId) {
        Optional<SandboxShopifyOrder> order = orderById(orderId);
        if (order.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Return ret : returnsOf(orderId)) {
            nodes.add(Map.of("id", ret.id, "status", ret.status, "returnLineItems",
                    Map.of("nodes", ret.lines.stream().map(line -> Map.<String, Object>of("returnReasonNote", line.note)).toList())));
        }
        return Map.of("id", orderId, "name", order.get().name(), "returns", Map.of("nodes", nodes));
    }

    Map<String, Object> returnableFulfillments(String orderId) {
        Optional<SandboxShopifyOrder> order = orderById(orderId);
        List<Map<String, Object>> nodes = new ArrayList<>();
        if (order.isPresent()) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (SandboxShopifyOrder.Line line : order.get().lines()) {
                int returnable = returnable(order.get(), fulfillmentLineItemOf(line));
                if (returnable > 0) {
                    lines.add(Map.of("quantity", returnable, "fulfillmentLineItem", Map.of("id", fulfillmentLineItemOf(line),
                            "lineItem", Map.of("id", line.id(), "sku", line.sku()))));
                }
            }
            if (!lines.isEmpty()) {
                nodes.add(Map.of("id", "gid://shopify/ReturnableFulfillment/" + numberOf(orderId),
                        "returnableFulfillmentLineItems", Map.of("nodes", lines)));
            }
        }
        return Map.of("nodes", nodes);
    }

    Map<String, Object> read(String returnId) {
        Return ret = returns.get(returnId);
        return ret == null ? null : view(ret);
    }

    /** Every return, for demos and tests (not a Shopify API). */
    List<Map<String, Object>> all() {
        List<Map<String, Object>> all = new ArrayList<>();
        returns.values().forEach(ret -> {
            Map<String, Object> view = new LinkedHashMap<>(view(ret));
            view.put("name", ret.name);
            view.put("orderName", ret.orderName);
            view.put("lines", ret.lines.stream().map(line -> {
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("sku", line.sku);
                described.put("quantity", line.quantity);
                described.put("returnReason", line.reason);
                described.put("returnReasonNote", line.note);
                described.put("processedQuantity", line.processed);
                described.put("restockedQuantity", line.restocked);
                described.put("restockedAt", line.restockedAt);
                return described;
            }).toList());
            all.add(view);
        });
        return all;
    }

    // --- mutations: the payload, {return, userErrors} ---

    synchronized Map<String, Object> create(JsonNode input) {
        String orderId = input.path("orderId").asText("");
        Optional<SandboxShopifyOrder> order = orderById(orderId);
        if (order.isEmpty()) {
            return refused(new UserError(List.of("returnInput", "orderId"), "Order does not exist", "NOT_FOUND"));
        }
        JsonNode lines = input.path("returnLineItems");
        if (!lines.isArray() || lines.isEmpty()) {
            return refused(new UserError(List.of("returnInput", "returnLineItems"), "Return line items can't be blank", "BLANK"));
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            List<String> field = List.of("returnInput", "returnLineItems", String.valueOf(i));
            String fulfillmentLineItem = line.path("fulfillmentLineItemId").asText();
            if (lineOf(order.get(), fulfillmentLineItem).isEmpty()) {
                return refused(new UserError(field, "Fulfillment line item does not belong to the order", "NOT_FOUND"));
            }
            if (line.path("quantity").asInt() < 1) {
                return refused(new UserError(field, "Quantity must be greater than 0", "GREATER_THAN"));
            }
            if (line.path("returnReasonNote").asText("").length() > NOTE_MAX) {
                return refused(new UserError(field, "Return reason note is too long (maximum is 255 characters)", "TOO_LONG"));
            }
            wanted.merge(fulfillmentLineItem, line.path("quantity").asInt(), Integer::sum);
        }
        for (Map.Entry<String, Integer> units : wanted.entrySet()) {
            int returnable = returnable(order.get(), units.getKey());
            if (units.getValue() > returnable) {
                return refused(new UserError(List.of("returnInput", "returnLineItems"), "Quantity " + units.getValue()
                        + " exceeds the " + returnable + " returnable unit(s) of " + units.getKey(), "INVALID"));
            }
        }
        List<Line> created = new ArrayList<>();
        for (JsonNode line : lines) {
            String fulfillmentLineItem = line.path("fulfillmentLineItemId").asText();
            created.add(new Line(gid("ReturnLineItem"), fulfillmentLineItem, lineOf(order.get(), fulfillmentLineItem).get().sku(),
                    line.path("quantity").asInt(), line.path("returnReason").asText(), line.path("returnReasonNote").asText(""),
                    gid("ReverseFulfillmentOrderLineItem")));
        }
        long number = returnsOf(orderId).size() + 1;
        Return ret = new Return(gid("Return"), order.get().name() + "-R" + number, orderId, order.get().name(),
                List.copyOf(created), gid("ReverseFulfillmentOrder"));
        returns.put(ret.id, ret);
        log.info("Sandbox Shopify: return {} ({}) created on order {}", ret.id, ret.name, ret.orderName);
        return payload(Map.of("id", ret.id, "name", ret.name, "status", ret.status));
    }

    synchronized Map<String, Object> cancel(String returnId) {
        Return ret = returns.get(returnId);
        if (ret == null) {
            return refused(new UserError(List.of("id"), "Return does not exist", "NOT_FOUND"));
        }
        boolean worked = ret.lines.stream().anyMatch(line -> line.processed > 0);
        if (!("OPEN".equals(ret.status) || "REQUESTED".equals(ret.status)) || worked) {
            return refused(new UserError(List.of("id"), "Return can't be canceled: it is " + ret.status
                    + (worked ? " and items were processed" : ""), "INVALID_STATE"));
        }
        ret.status = "CANCELED";
        return payload(Map.of("id", ret.id, "status", ret.status));
    }

    synchronized Map<String, Object> process(JsonNode input) {
        Return ret = returns.get(input.path("returnId").asText());
        if (ret == null) {
            return refused(new UserError(List.of("input", "returnId"), "Return does not exist", "NOT_FOUND"));
        }
        if (!"OPEN".equals(ret.status)) {
            return refused(new UserError(List.of("input", "returnId"), "Return is " + ret.status + ": only an open return is processed", "INVALID_STATE"));
        }
        JsonNode lines = input.path("returnLineItems");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode wanted = lines.get(i);
            List<String> field = List.of("input", "returnLineItems", String.valueOf(i));
            Optional<Line> line = ret.lines.stream().filter(l -> l.id.equals(wanted.path("id").asText())).findFirst();
            if (line.isEmpty()) {
                return refused(new UserError(field, "Return line item does not belong to the return", "NOT_FOUND"));
            }
            int quantity = wanted.path("quantity").asInt();
            if (quantity < 1 || quantity > line.get().quantity - line.get().processed) {
                return refused(new UserError(field, "Quantity " + quantity + " exceeds the "
                        + (line.get().quantity - line.get().processed) + " processable unit(s)", "INVALID"));
            }
            for (JsonNode disposition : wanted.path("dispositions")) {
                if (!line.get().reverseLineId.equals(disposition.path("reverseFulfillmentOrderLineItemId").asText())) {
                    return refused(new UserError(field, "Reverse fulfillment order line item does not belong to the line", "NOT_FOUND"));
                }
                if ("RESTOCKED".equals(disposition.path("dispositionType").asText())
                        && disposition.path("locationId").asText("").isBlank()) {
                    return refused(new UserError(field, "Location is required to restock", "BLANK"));
                }
            }
        }
        for (JsonNode wanted : lines) {
            Line line = ret.lines.stream().filter(l -> l.id.equals(wanted.path("id").asText())).findFirst().orElseThrow();
            line.processed += wanted.path("quantity").asInt();
            for (JsonNode disposition : wanted.path("dispositions")) {
                if ("RESTOCKED".equals(disposition.path("dispositionType").asText())) {
                    line.restocked += disposition.path("quantity").asInt();
                    line.restockedAt = disposition.path("locationId").asText();
                }
            }
        }
        return payload(Map.of("id", ret.id, "status", ret.status));
    }

    synchronized Map<String, Object> close(String returnId) {
        Return ret = returns.get(returnId);
        if (ret == null) {
            return refused(new UserError(List.of("id"), "Return does not exist", "NOT_FOUND"));
        }
        if (!"OPEN".equals(ret.status)) {
            return refused(new UserError(List.of("id"), "Return is " + ret.status + ": only an open return is closed", "INVALID_STATE"));
        }
        ret.status = "CLOSED";
        return payload(Map.of("id", ret.id, "status", ret.status));
    }

    // --- helpers ---

    private Map<String, Object> view(Return ret) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", ret.id);
        view.put("status", ret.status);
        view.put("returnLineItems", Map.of("nodes", ret.lines.stream().map(line -> Map.<String, Object>of(
                "id", line.id, "quantity", line.quantity, "processableQuantity", line.quantity - line.processed,
                "returnReason", line.reason, "returnReasonNote", line.note,
                "fulfillmentLineItem", Map.of("id", line.fulfillmentLineItemId))).toList()));
        view.put("reverseFulfillmentOrders", Map.of("nodes", List.of(Map.of("id", ret.reverseFulfillmentOrderId,
                "lineItems", Map.of("nodes", ret.lines.stream().map(line -> Map.<String, Object>of("id", line.reverseLineId,
                        "totalQuantity", line.quantity, "fulfillmentLineItem", Map.of("id", line.fulfillmentLineItemId))).toList())))));
        return view;
    }

    /** Units of a fulfillment line item not in a return that still stands (a canceled one gave them back). */
    private int returnable(SandboxShopifyOrder order, String fulfillmentLineItemId) {
        int fulfilled = lineOf(order, fulfillmentLineItemId).map(SandboxShopifyOrder.Line::quantity).orElse(0);
        int inReturns = returnsOf(order.id()).stream().filter(ret -> !"CANCELED".equals(ret.status))
                .flatMap(ret -> ret.lines.stream()).filter(line -> line.fulfillmentLineItemId.equals(fulfillmentLineItemId))
                .mapToInt(line -> line.quantity).sum();
        return fulfilled - inReturns;
    }

    private List<Return> returnsOf(String orderId) {
        return returns.values().stream().filter(ret -> ret.orderId.equals(orderId)).toList();
    }

    private Optional<SandboxShopifyOrder> orderById(String orderId) {
        Collection<SandboxShopifyOrder> orders = data.shopifyOrders();
        return orders.stream().filter(order -> order.id().equals(orderId)).findFirst();
    }

    private static Optional<SandboxShopifyOrder.Line> lineOf(SandboxShopifyOrder order, String fulfillmentLineItemId) {
        return order.lines().stream().filter(line -> fulfillmentLineItemOf(line).equals(fulfillmentLineItemId)).findFirst();
    }

    /** Each order line is fulfilled by one fulfillment line item of the same number. */
    static String fulfillmentLineItemOf(SandboxShopifyOrder.Line line) {
        return "gid://shopify/FulfillmentLineItem/" + numberOf(line.id());
    }

    private static String numberOf(String gid) {
        return gid.substring(gid.lastIndexOf('/') + 1);
    }

    private String gid(String type) {
        return "gid://shopify/" + type + "/" + ids.incrementAndGet();
    }

    private static Map<String, Object> payload(Map<String, Object> ret) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("return", ret);
        payload.put("userErrors", List.of());
        return payload;
    }

    private static Map<String, Object> refused(UserError error) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("return", null);
        payload.put("userErrors", List.of(Map.of("field", error.field(), "message", error.message(), "code", error.code())));
        return payload;
    }
}
