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
 * the cost extension. Like Shopify it prices every query before running it and refuses one over
 * 1,000 points with MAX_COST_EXCEEDED ({@link SandboxGraphQLDocument}); line items come in pages of
 * the size asked for. A root field it does not know is a GraphQL error, as Shopify answers one.
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
        SandboxGraphQLDocument operation;
        try {
            operation = SandboxGraphQLDocument.parse(document, variables);
        } catch (RuntimeException unreadable) {
            return ResponseEntity.ok(Map.of("errors", List.of(Map.of("message", "Parse error: " + unreadable.getMessage(),
                    "extensions", Map.of("code", "GRAPHQL_PARSE_FAILED")))));
        }
        int cost = operation.requestedCost();
        if (cost > SandboxGraphQLDocument.MAX_COST) {
            return ResponseEntity.ok(maxCostExceeded(cost));
        }
        SandboxGraphQLDocument.Field selected = operation.root().isEmpty() ? null : operation.root().get(0);
        ResponseEntity<Map<String, Object>> answered = switch (field) {
            case "orders" -> ResponseEntity.ok(answer(Map.of("orders", Map.of("nodes", search(variables,
                    selected.child("nodes") == null ? null : selected.child("nodes").child("lineItems"))))));
            case "order" -> ResponseEntity.ok(answer(nullable("order", selected.child("lineItems") != null
                    ? orderLineItems(variables.path("orderId").asText(), selected.child("lineItems"))
                    : returns.order(variables.path("orderId").asText()))));
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
        return answered.getBody() != null && answered.getBody().containsKey("data") ? ResponseEntity.ok(withCost(answered.getBody(), cost))
                : answered;
    }

    /** Shopify's refusal of a query over the single-query limit: nothing runs, nothing is charged. */
    private static Map<String, Object> maxCostExceeded(int cost) {
        return Map.of("errors", List.of(Map.of(
                "message", "Query cost is " + cost + ", which exceeds the single query max cost limit ("
                        + SandboxGraphQLDocument.MAX_COST + ").",
                "extensions", Map.of("code", "MAX_COST_EXCEEDED", "cost", cost, "maxCost", SandboxGraphQLDocument.MAX_COST))));
    }

    /**
     * The order's line items, one page of the size the query asks for ({@code first}, after the
     * cursor {@code after}): the cursor is the position of the page's last line.
     */
    private Map<String, Object> orderLineItems(String orderId, SandboxGraphQLDocument.Field lineItems) {
        return data.shopifyOrders().stream().filter(order -> order.id().equals(orderId)).findFirst()
                .<Map<String, Object>>map(order -> {
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("id", order.id());
                    node.put("lineItems", lineItemsPage(order, lineItems));
                    return node;
                }).orElse(null);
    }

    private static Map<String, Object> lineItemsPage(SandboxShopifyOrder order, SandboxGraphQLDocument.Field lineItems) {
        int first = lineItems == null ? order.lines().size() : lineItems.intArgument("first", order.lines().size());
        String after = lineItems == null ? null : lineItems.stringArgument("after");
        int from = after == null ? 0 : Integer.parseInt(after);
        int to = Math.min(order.lines().size(), from + first);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SandboxShopifyOrder.Line line : order.lines().subList(Math.min(from, to), to)) {
            lines.add(Map.of("id", line.id(), "sku", line.sku(), "quantity", line.quantity(), "title", line.title(),
                    "variant", Map.of("id", line.variantId(), "sku", line.sku())));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", to < order.lines().size());
        pageInfo.put("endCursor", String.valueOf(to));
        return Map.of("nodes", lines, "pageInfo", pageInfo);
    }

    /** The order search: an order whose TikTok order id the search names (a bare id or a tag, never its name). */
    private List<Map<String, Object>> search(JsonNode variables, SandboxGraphQLDocument.Field lineItems) {
        String query = variables.path("query").asText("");
        Matcher search = SEARCH.matcher(query.trim());
        List<Map<String, Object>> nodes = new ArrayList<>();
        if (search.matches()) {
            String field = search.group(1);
            String value = search.group(2);
            data.findOrderForTikTokOrder(value)
                    .filter(order -> !"name".equals(field))
                    .ifPresent(order -> nodes.add(node(order, lineItems)));
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
        return body;
    }

    /**
     * The cost extension: what the query asked for; what it used is taken as the same (Shopify
     * charges less when fewer objects come back; the sandbox does not count them).
     */
    private static Map<String, Object> withCost(Map<String, Object> answer, int requested) {
        Map<String, Object> body = new LinkedHashMap<>(answer);
        body.put("extensions", Map.of("cost", Map.of("requestedQueryCost", requested, "actualQueryCost", requested,
                "throttleStatus", Map.of("maximumAvailable", 2000.0, "currentlyAvailable", 2000.0 - requested, "restoreRate", 100.0))));
        return body;
    }

    private static Map<String, Object> node(SandboxShopifyOrder order, SandboxGraphQLDocument.Field lineItems) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", order.id());
        node.put("name", order.name());
        node.put("sourceIdentifier", order.tiktokOrderId());
        node.put("sourceName", "tiktok");
        node.put("tags", List.of("TikTok", "TikTok Order ID: " + order.tiktokOrderId()));
        node.put("customAttributes", List.of(Map.of("key", "TikTok Order ID", "value", order.tiktokOrderId())));
        node.put("shippingAddress", Map.of("name", "Sandbox Buyer", "address1", "77 Sample St", "city", "Austin",
                "provinceCode", "TX", "zip", "78701", "countryCodeV2", "US", "phone", "+15125550100"));
        node.put("lineItems", lineItemsPage(order, lineItems));
        return node;
    }
}
