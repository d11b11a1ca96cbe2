package io.returnflow.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Shopify Admin GraphQL API, enough of it for order lookups: it understands the
 * order search the service sends (source_identifier, tag, name, or a bare id) and answers in
 * Shopify's shapes, including the cost extension.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxShopifyApi {

    private static final Pattern SEARCH = Pattern.compile("^(?:(source_identifier|tag|name):)?\"#?([^\"]+)\"$");

    private final SandboxData data;
    private final String accessToken;

    SandboxShopifyApi(SandboxData data, @Value("${sandbox.shopify-access-token:shpat_sandbox}") String accessToken) {
        this.data = data;
        this.accessToken = accessToken;
    }

    @PostMapping("/sandbox/shopify/admin/api/{version}/graphql.json")
    ResponseEntity<Map<String, Object>> graphql(@PathVariable String version,
                                                @RequestHeader(value = "X-Shopify-Access-Token", required = false) String token,
                                                @RequestBody JsonNode request) {
        if (!accessToken.equals(token)) {
            return ResponseEntity.status(401).body(Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)"));
        }
        String query = request.path("variables").path("query").asText("");
        Matcher search = SEARCH.matcher(query.trim());
        List<Map<String, Object>> nodes = new ArrayList<>();
        if (search.matches()) {
            String field = search.group(1);
            String value = search.group(2);
            data.findOrderForTikTokOrder(value)
                    .filter(order -> !"name".equals(field))
                    .ifPresent(order -> nodes.add(node(order)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Map.of("orders", Map.of("nodes", nodes)));
        body.put("extensions", Map.of("cost", Map.of("requestedQueryCost", 52, "actualQueryCost", 12,
                "throttleStatus", Map.of("maximumAvailable", 2000.0, "currentlyAvailable", 1988, "restoreRate", 100.0))));
        return ResponseEntity.ok(body);
    }

    private static Map<String, Object> node(SandboxShopifyOrder order) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", order.id());
        node.put("name", order.name());
        node.put("sourceIdentifier", order.tiktokOrderId());
        node.put("sourceName", "tiktok");
        node.put("tags", List.of("TikTok", "TikTok Order ID: " + order.tiktokOrderId()));
        node.put("customAttributes", List.of(Map.of("key", "TikTok Order ID", "value", order.tiktokOrderId())));
        node.put("shippingAddress", Map.of("name", "Sandbox Buyer", "address1", "77 Sample St", "city", "Austin",
                "provinceCode", "TX", "zip", "78701", "countryCodeV2", "US", "phone", "+15125550100"));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SandboxShopifyOrder.Line line : order.lines()) {
            lines.add(Map.of("id", line.id(), "sku", line.sku(), "quantity", line.quantity(), "title", line.title(),
                    "variant", Map.of("id", line.variantId(), "sku", line.sku())));
        }
        node.put("lineItems", Map.of("nodes", lines));
        return node;
    }
}
