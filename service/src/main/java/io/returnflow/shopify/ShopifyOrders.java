package io.returnflow.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Finds the Shopify order that TikTok's Shopify channel created for a TikTok order, trying the
 * configured strategies in order; a search hit counts only when the order really carries the id
 * in that strategy's field (Shopify's search is fuzzy).
 */
@Component
public class ShopifyOrders {

    /*
     * Priced by Shopify before it runs (an object 1 point, a connection 2 + page size x node; over
     * 1,000 points a query is refused with MAX_COST_EXCEEDED): line items 2 + 1 + 50 x 2 = 103, an
     * order 1 + 1 + 1 + 103 = 106, the search 2 + 5 x 106 = 532. Longer orders page on below.
     */
    static final String FIND_ORDERS = """
            query FindOrders($query: String!) {
              orders(first: 5, query: $query, sortKey: CREATED_AT, reverse: true) {
                nodes {
                  id name sourceIdentifier sourceName tags
                  customAttributes { key value }
                  shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
                  lineItems(first: 50) { pageInfo { hasNextPage endCursor } nodes { id sku quantity title variant { id sku } } }
                }
              }
            }""";

    /** The next page of an order's line items: 1 + 2 + 1 + 100 x 2 = 204 points. */
    static final String ORDER_LINE_ITEMS = """
            query OrderLineItems($orderId: ID!, $after: String) {
              order(id: $orderId) {
                id
                lineItems(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id sku quantity title variant { id sku } } }
              }
            }""";

    private final ShopifyClient shopify;
    private final ShopifyProperties.OrderMatch match;
    private final Clock clock;

    public ShopifyOrders(ShopifyClient shopify, ShopifyProperties properties, Clock clock) {
        this.shopify = shopify;
        this.match = properties.orderMatch();
        this.clock = clock;
    }

    /**
     * The order, or empty once the return has waited {@code shopify.order-match.wait-up-to} for it
     * (the return is then created without it, flagged for the merchant).
     *
     * @param waitingSince when this return first looked for its order (ISO-8601), null on the first look
     * @throws OrderNotSyncedYetException while it is still worth waiting
     */
    public Optional<ShopifyOrder> findForTikTokOrder(ShopifyStore store, String tiktokOrderId, String waitingSince) {
        Optional<ShopifyOrder> order = find(store, tiktokOrderId);
        if (order.isPresent()) {
            return order;
        }
        Instant since = waitingSince == null ? clock.instant() : Instant.parse(waitingSince);
        if (Duration.between(since, clock.instant()).compareTo(match.waitUpTo()) < 0) {
            throw new OrderNotSyncedYetException(tiktokOrderId, store.shopDomain());
        }
        return Optional.empty();
    }

    Optional<ShopifyOrder> find(ShopifyStore store, String tiktokOrderId) {
        for (OrderMatchStrategy strategy : match.strategies()) {
            JsonNode data = shopify.query(store, FIND_ORDERS, Map.of("query", searchFor(strategy, tiktokOrderId)));
            for (JsonNode node : data.path("orders").path("nodes")) {
                ShopifyOrder order = read(node, List.of());
                if (carries(strategy, order, tiktokOrderId)) {
                    return Optional.of(read(node, laterLineItems(store, node)));
                }
            }
        }
        return Optional.empty();
    }

    private static String searchFor(OrderMatchStrategy strategy, String id) {
        return switch (strategy) {
            case SOURCE_IDENTIFIER -> "source_identifier:\"" + id + "\"";
            case TAG -> "tag:\"" + id + "\"";
            case NAME -> "name:\"" + id + "\"";
            case CUSTOM_ATTRIBUTE -> "\"" + id + "\""; // attributes are not a search field: full text, then confirm
        };
    }

    private boolean carries(OrderMatchStrategy strategy, ShopifyOrder order, String id) {
        return switch (strategy) {
            case SOURCE_IDENTIFIER -> id.equals(order.sourceIdentifier());
            case TAG -> order.tags().stream().anyMatch(tag -> tag.equals(id) || tag.endsWith(":" + id) || tag.endsWith(" " + id));
            case NAME -> id.equals(order.name().replaceFirst("^#", ""));
            case CUSTOM_ATTRIBUTE -> match.attributeKeys().stream()
                    .anyMatch(key -> id.equals(order.customAttributes().get(key)));
        };
    }

    /** The line items after the search's first page, page by page. */
    private List<JsonNode> laterLineItems(ShopifyStore store, JsonNode order) {
        List<JsonNode> lines = new ArrayList<>();
        JsonNode page = order.path("lineItems").path("pageInfo");
        while (page.path("hasNextPage").asBoolean(false)) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("orderId", order.path("id").asText());
            variables.put("after", page.path("endCursor").asText());
            JsonNode lineItems = shopify.query(store, ORDER_LINE_ITEMS, variables).path("order").path("lineItems");
            lineItems.path("nodes").forEach(lines::add);
            page = lineItems.path("pageInfo");
        }
        return lines;
    }

    /** @param laterLines line items of the order beyond the node's own page */
    static ShopifyOrder read(JsonNode node, List<JsonNode> laterLines) {
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        Map<String, String> attributes = new LinkedHashMap<>();
        node.path("customAttributes").forEach(a -> attributes.put(a.path("key").asText(), a.path("value").asText()));
        List<ShopifyOrder.LineItem> lines = new ArrayList<>();
        List<JsonNode> lineNodes = new ArrayList<>();
        node.path("lineItems").path("nodes").forEach(lineNodes::add);
        lineNodes.addAll(laterLines);
        for (JsonNode line : lineNodes) {
            JsonNode variant = line.path("variant");
            String sku = line.path("sku").asText(null);
            if (sku == null || sku.isBlank()) {
                sku = variant.path("sku").asText(null);
            }
            lines.add(new ShopifyOrder.LineItem(line.path("id").asText(), sku, line.path("quantity").asInt(),
                    variant.path("id").asText(null), line.path("title").asText(null)));
        }
        JsonNode a = node.path("shippingAddress");
        ShopifyOrder.Address address = a.isObject() ? new ShopifyOrder.Address(a.path("name").asText(null),
                a.path("address1").asText(null), a.path("address2").asText(null), a.path("city").asText(null),
                a.path("provinceCode").asText(null), a.path("zip").asText(null), a.path("countryCodeV2").asText(null),
                a.path("phone").asText(null)) : null;
        return new ShopifyOrder(node.path("id").asText(), node.path("name").asText(""),
                node.path("sourceIdentifier").asText(null), node.path("sourceName").asText(null),
                List.copyOf(tags), Map.copyOf(attributes), address, List.copyOf(lines));
    }
}
