package io.returnflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox ShipHero public API: {@code POST /auth/refresh} (the configured refresh token gets a
 * 28-day access token), and GraphQL at {@code /graphql} for the bearer tokens it issued, answering
 * 401 to any other or expired token, as ShipHero does. Its orders mirror the sandbox Shopify orders
 * ({@code partner_order_id} = the Shopify order's number, {@code order_number} = its name); returns
 * made with {@code return_create} are kept on their order and listed unauthenticated at
 * {@code GET /sandbox/shiphero/returns}. {@code POST /sandbox/shiphero/access-tokens} issues a token
 * directly, optionally one that expires after N calls, to show a token expiring mid-flow.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxShipHeroApi {

    static final String BASE = "/sandbox/shiphero";
    static final Duration ACCESS_VALIDITY = Duration.ofDays(28);
    private static final Logger log = LoggerFactory.getLogger(SandboxShipHeroApi.class);

    private final SandboxData data;
    private final String refreshToken;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> returns = new CopyOnWriteArrayList<>();
    private final AtomicLong returnIds = new AtomicLong(700);

    SandboxShipHeroApi(SandboxData data, @Value("${sandbox.shiphero.refresh-token:sbx_shiphero_refresh}") String refreshToken,
                       Clock clock) {
        this.data = data;
        this.refreshToken = refreshToken;
        this.clock = clock;
    }

    /** @param callsLeft null: until it expires; else it stops working after that many GraphQL calls */
    private record Token(Instant expiresAt, AtomicInteger callsLeft) {
    }

    record IssueRequest(Integer expiresAfterCalls) {
    }

    @PostMapping(BASE + "/auth/refresh")
    ResponseEntity<Map<String, Object>> refresh(@RequestBody(required = false) JsonNode body) {
        if (body == null || !refreshToken.equals(body.path("refresh_token").asText())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", 401, "message", "Invalid refresh token"));
        }
        return ResponseEntity.ok(issue(null));
    }

    /** Sandbox control: a token as /auth/refresh gives, or one that expires after {@code expiresAfterCalls} calls. */
    @PostMapping(BASE + "/access-tokens")
    ResponseEntity<Map<String, Object>> issueToken(@RequestBody(required = false) IssueRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(issue(request == null ? null : request.expiresAfterCalls()));
    }

    /** What the sandbox ShipHero holds, for demos and tests (no authentication: not a ShipHero API). */
    @GetMapping(BASE + "/returns")
    List<Map<String, Object>> all() {
        return List.copyOf(returns);
    }

    @PostMapping(BASE + "/graphql")
    ResponseEntity<Map<String, Object>> graphql(@RequestHeader(value = "Authorization", required = false) String authorization,
                                                @RequestBody JsonNode request) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("errors", List.of(Map.of("message", "Unauthorized: invalid or expired token", "code", 401))));
        }
        String query = request.path("query").asText("");
        JsonNode variables = request.path("variables");
        if (query.contains("return_create(")) {
            return ResponseEntity.ok(returnCreate(variables.path("data")));
        }
        if (query.contains("orders(")) {
            return ResponseEntity.ok(orders(variables));
        }
        if (query.contains("order(")) {
            return ResponseEntity.ok(order(variables.path("orderId").asText()));
        }
        return ResponseEntity.ok(errors("Cannot query this field in the sandbox: " + query));
    }

    private Map<String, Object> issue(Integer calls) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "sbxsh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Token(clock.instant().plus(ACCESS_VALIDITY), calls == null ? null : new AtomicInteger(calls)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("expires_in", ACCESS_VALIDITY.toSeconds());
        answer.put("token_type", "Bearer");
        return answer;
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Token token = tokens.get(authorization.substring(7).trim());
        if (token == null || !token.expiresAt().isAfter(clock.instant())) {
            return false;
        }
        return token.callsLeft() == null || token.callsLeft().getAndDecrement() > 0;
    }

    private Map<String, Object> orders(JsonNode variables) {
        String partnerOrderId = variables.path("partnerOrderId").asText(null);
        String orderNumber = variables.path("orderNumber").asText(null);
        List<Map<String, Object>> edges = new ArrayList<>();
        for (SandboxShopifyOrder order : data.shopifyOrders()) {
            if (partnerOrderId != null && partnerOrderId.equals(numberOf(order))
                    || orderNumber != null && orderNumber.equals(order.name())) {
                edges.add(Map.of("node", order(order)));
            }
        }
        return ok("orders", Map.of("request_id", requestId(), "complexity", 2, "data", Map.of("edges", edges)));
    }

    private Map<String, Object> order(String orderId) {
        Optional<SandboxShopifyOrder> order = find(orderId);
        if (order.isEmpty()) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("request_id", requestId());
            none.put("complexity", 1);
            none.put("data", null);
            return ok("order", none);
        }
        Map<String, Object> node = order(order.get());
        node.put("returns", returns.stream().filter(r -> orderId.equals(r.get("order_id"))).toList());
        return ok("order", Map.of("request_id", requestId(), "complexity", 1, "data", node));
    }

    private synchronized Map<String, Object> returnCreate(JsonNode input) {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("order_id", "warehouse_id", "return_reason", "label_type", "label_cost", "address",
                "dimensions", "shipping_carrier", "shipping_method", "line_items")) {
            if (input.path(field).isMissingNode() || input.path(field).isNull()
                    || input.path(field).isTextual() && input.path(field).asText().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            return errors("Field(s) of CreateReturnInput missing: " + String.join(", ", missing));
        }
        String orderId = input.path("order_id").asText();
        Optional<SandboxShopifyOrder> order = find(orderId);
        if (order.isEmpty()) {
            return errors("Order " + orderId + " not found");
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (JsonNode line : input.path("line_items")) {
            String sku = line.path("sku").asText();
            int quantity = line.path("quantity").asInt();
            int ordered = order.get().lines().stream().filter(l -> l.sku().equals(sku)).mapToInt(SandboxShopifyOrder.Line::quantity).sum();
            if (quantity < 1 || quantity > ordered) {
                return errors("Order " + orderId + " has " + ordered + " of sku " + sku + ", cannot return " + quantity);
            }
            Map<String, Object> returned = new LinkedHashMap<>();
            returned.put("quantity", quantity);
            returned.put("reason", line.path("return_reason").asText(null));
            returned.put("condition", line.path("condition").asText(null));
            returned.put("line_item", Map.of("sku", sku));
            lines.add(returned);
        }
        long legacyId = returnIds.incrementAndGet();
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("id", base64("Return:" + legacyId));
        ret.put("legacy_id", legacyId);
        ret.put("order_id", orderId);
        ret.put("partner_id", input.path("partner_id").asText(null));
        ret.put("warehouse_id", input.path("warehouse_id").asText());
        ret.put("reason", input.path("return_reason").asText());
        ret.put("status", "pending");
        ret.put("label_type", input.path("label_type").asText());
        ret.put("label_cost", input.path("label_cost").asText());
        ret.put("shipping_carrier", input.path("shipping_carrier").asText());
        ret.put("shipping_method", input.path("shipping_method").asText());
        ret.put("address", input.path("address"));
        ret.put("line_items", lines);
        returns.add(ret);
        log.info("Sandbox ShipHero: return {} created on order {} ({})", ret.get("id"), orderId, ret.get("partner_id"));
        return ok("return_create", Map.of("request_id", requestId(), "complexity", 10,
                "return", Map.of("id", ret.get("id"), "legacy_id", legacyId, "partner_id", String.valueOf(ret.get("partner_id")))));
    }

    private Optional<SandboxShopifyOrder> find(String shipHeroOrderId) {
        return data.shopifyOrders().stream().filter(order -> shipHeroOrderId.equals(idOf(order))).findFirst();
    }

    private static Map<String, Object> order(SandboxShopifyOrder order) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", idOf(order));
        node.put("legacy_id", Long.parseLong(numberOf(order)));
        node.put("order_number", order.name());
        node.put("partner_order_id", numberOf(order));
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("first_name", "Sandbox");
        address.put("last_name", "Buyer");
        address.put("address1", "77 Sample St");
        address.put("address2", "");
        address.put("city", "Austin");
        address.put("state", "Texas");
        address.put("state_code", "TX");
        address.put("zip", "78701");
        address.put("country", "United States");
        address.put("country_code", "US");
        address.put("phone", "+15125550100");
        node.put("shipping_address", address);
        List<Map<String, Object>> lines = new ArrayList<>();
        order.lines().forEach(line -> lines.add(Map.of("node", Map.of("sku", line.sku(), "quantity", line.quantity()))));
        node.put("line_items", Map.of("edges", lines));
        return node;
    }

    private static String idOf(SandboxShopifyOrder order) {
        return base64("Order:" + numberOf(order));
    }

    private static String numberOf(SandboxShopifyOrder order) {
        return order.id().substring(order.id().lastIndexOf('/') + 1);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static Map<String, Object> ok(String field, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(field, value);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        return body;
    }

    private static Map<String, Object> errors(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message, "code", 22)));
        body.put("data", null);
        return body;
    }
}
