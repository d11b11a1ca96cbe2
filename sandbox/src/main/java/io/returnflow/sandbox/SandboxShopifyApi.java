package io.returnflow.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Shopify Admin GraphQL API, enough of it for order lookups and returns: it understands
 * the order search the service sends (source_identifier, tag, name, or a bare id), and the returns
 * of an order ({@link SandboxShopifyReturns}: returnableFulfillments, order returns, return,
 * returnCreate, returnCancel, returnProcess, returnClose), answering in Shopify's shapes, including
 * the cost extension. A root field it does not know is a GraphQL error, as Shopify answers one.
 * {@code GET /sandbox/shopify/returns} lists the returns made (no authentication: not a Shopify API).
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxShopifyApi {

    private static final Pattern SEARCH = Pattern.compile("^(?:(source_identifier|tag|name):)?\"#?([^\"]+)\"$");
    /** The operation's first root field: {@code mutation X($a: T!) { returnCreate(...) ...} -> returnCreate}. */
    private static final Pattern ROOT_FIELD = Pattern.compile("^\\s*(?:(query|mutation)\\b[^{]*)?\\{\\s*(\\w+)");

    private final SandboxData data;
    private final SandboxShopifyReturns returns;
    private final String accessToken;

    SandboxShopifyApi(SandboxData data, SandboxShopifyReturns returns,
                      @Value("${sandbox.shopify-access-token:shpat_sandbox}") String accessToken) {
        this.data = data;
        this.returns = returns;
        this.accessToken = accessToken;
    }

    @GetMapping("/sandbox/shopify/returns")
    List<Map<String, Object>> allReturns() {
        return returns.all();
    }

    @PostMapping("/sandbox/shopify/admin/api/{version}/graphql.json")
    ResponseEntity<Map<String, Object>> graphql(@PathVariable String version,
                                                @RequestHeader(value = "X-Shopify-Access-Token", required = false) String token,
                                                @RequestBody JsonNode request) {
        if (!accessToken.equals(token)) {
            return ResponseEntity.status(401).body(Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)"));
        }
        String document = request.path("query").asText("");
        Matcher root = ROOT_FIELD.matcher(document);
        String field = root.find() ? root.group(2) : "";
        JsonNode variables = request.path("variables");
        return switch (field) {
            case "orders" -> ResponseEntity.ok(answer(Map.of("orders", Map.of("nodes", search(variables)))));
            case "order" -> ResponseEntity.ok(answer(nullable("order", returns.order(variables.path("orderId").asText()))));
            case "returnableFulfillments" -> ResponseEntity.ok(answer(Map.of("returnableFulfillments",
                    returns.returnableFulfillments(variables.path("orderId").asText()))));
            case "return" -> ResponseEntity.ok(answer(nullable("return", returns.read(variables.path("id").asText()))));
            case "returnCreate" -> {
                String invalid = invalidReturnInput(variables.path("returnInput"));
                yield invalid != null ? ResponseEntity.ok(invalidVariable(invalid))
                        : ResponseEntity.ok(answer(Map.of("returnCreate", returns.create(variables.path("returnInput")))));
            }
            case "returnCancel" -> ResponseEntity.ok(answer(Map.of("returnCancel", returns.cancel(variables.path("id").asText()))));
            case "returnProcess" -> ResponseEntity.ok(answer(Map.of("returnProcess", returns.process(variables.path("input")))));
            case "returnClose" -> ResponseEntity.ok(answer(Map.of("returnClose", returns.close(variables.path("id").asText()))));
            default -> ResponseEntity.ok(Map.of("errors", List.of(Map.of(
                    "message", "Field '" + field + "' doesn't exist on type 'QueryRoot'",
                    "extensions", Map.of("code", "undefinedField", "fieldName", field)))));
        };
    }

    /** The order search: an order whose TikTok order id the search names (a bare id or a tag, never its name). */
    private List<Map<String, Object>> search(JsonNode variables) {
        String query = variables.path("query").asText("");
        Matcher search = SEARCH.matcher(query.trim());
        List<Map<String, Object>> nodes = new ArrayList<>();
        if (search.matches()) {
            String field = search.group(1);
            String value = search.group(2);
            data.findOrderForTikTokOrder(value)
                    .filter(order -> !"name".equals(field))
                    .ifPresent(order -> nodes.add(node(order)));
        }
        return nodes;
    }

    /**
     * GraphQL's own check of the variables: ReturnLineItemInput (2025-10) has fulfillmentLineItemId: ID!,
     * quantity: Int! and returnReason: ReturnReason!; a missing or unknown value never reaches returnCreate.
     */
    private static String invalidReturnInput(JsonNode input) {
        if (input.path("orderId").asText("").isBlank()) {
            return "orderId (Expected value to not be null)";
        }
        JsonNode lines = input.path("returnLineItems");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            if (line.path("fulfillmentLineItemId").asText("").isBlank()) {
                return "returnLineItems." + i + ".fulfillmentLineItemId (Expected value to not be null)";
            }
            if (!line.path("quantity").isInt()) {
                return "returnLineItems." + i + ".quantity (Expected value to be an Int)";
            }
            if (!SandboxShopifyReturns.REASONS.contains(line.path("returnReason").asText(""))) {
                return "returnLineItems." + i + ".returnReason (Expected \"" + line.path("returnReason").asText("null")
                        + "\" to be one of: " + String.join(", ", new TreeSet<>(SandboxShopifyReturns.REASONS)) + ")";
            }
        }
        return null;
    }

    private static Map<String, Object> invalidVariable(String what) {
        return Map.of("errors", List.of(Map.of("message", "Variable $returnInput of type ReturnInput! was provided invalid value for " + what,
                "extensions", Map.of("code", "INVALID_VARIABLE"))));
    }

    private static Map<String, Object> nullable(String field, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(field, value);
        return data;
    }

    private static Map<String, Object> answer(Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("extensions", Map.of("cost", Map.of("requestedQueryCost", 52, "actualQueryCost", 12,
                "throttleStatus", Map.of("maximumAvailable", 2000.0, "currentlyAvailable", 1988, "restoreRate", 100.0))));
        return body;
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
