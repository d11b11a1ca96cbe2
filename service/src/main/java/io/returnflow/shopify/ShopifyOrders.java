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

    static final String FIND_ORDERS = """
            query FindOrders($query: String!) {
              orders(first: 10, query: $query, sortKey: CREATED_AT, reverse: true) {
                nodes {
                  id name sourceIdentifier sourceName tags
                  customAttributes { key value }
                  shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
                  lineItems(first: 250) { nodes { id sku quantity title variant { id sku } } }
                }
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
                ShopifyOrder order = read(node);
                if (carries(strategy, order, tiktokOrderId)) {
                    return Optional.of(order);
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

    static ShopifyOrder read(JsonNode node) {
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        Map<String, String> attributes = new LinkedHashMap<>();
        node.path("customAttributes").forEach(a -> attributes.put(a.path("key").asText(), a.path("value").asText()));
        List<ShopifyOrder.LineItem> lines = new ArrayList<>();
        for (JsonNode line : node.path("lineItems").path("nodes")) {
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
