package io.returnflow.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox NetSuite SuiteTalk REST record API, enough of it for Return Authorizations: every
 * call is authenticated like NetSuite's TBA ({@link SandboxNetSuiteAuth}, 401 INVALID_LOGIN
 * otherwise). Sales orders mirror the sandbox Shopify orders (id = the Shopify order's number,
 * {@code otherRefNum} = its name, lines by SKU); Return Authorizations are kept, unique by
 * {@code externalId}, and listed unauthenticated at {@code GET /sandbox/netsuite/return-authorizations}.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxNetSuiteApi {

    static final String BASE = "/sandbox/netsuite/services/rest";
    private static final String RECORDS = BASE + "/record/v1";
    private static final Pattern QUERY = Pattern.compile("^(\\w+)\\s+IS\\s+\"(.*)\"$");
    private static final Logger log = LoggerFactory.getLogger(SandboxNetSuiteApi.class);

    private final SandboxData data;
    private final SandboxNetSuiteAuth auth;
    private final Map<String, Map<String, Object>> returnAuthorizations = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(9000);

    SandboxNetSuiteApi(SandboxData data, SandboxNetSuiteAuth auth) {
        this.data = data;
        this.auth = auth;
    }

    @GetMapping(RECORDS + "/salesOrder")
    ResponseEntity<Object> searchSalesOrders(HttpServletRequest request, @RequestParam(required = false) String q) {
        ResponseEntity<Object> refused = refused(request);
        if (refused != null) {
            return refused;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        Matcher query = QUERY.matcher(q == null ? "" : q.trim());
        if (query.matches()) {
            for (SandboxShopifyOrder order : data.shopifyOrders()) {
                if (query.group(2).equals(field(order, query.group(1)))) {
                    items.add(Map.of("links", List.of(link(request, "salesOrder/" + numberOf(order))), "id", numberOf(order)));
                }
            }
        } else if (q != null) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid query: " + q);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("links", List.of());
        page.put("count", items.size());
        page.put("hasMore", false);
        page.put("items", items);
        page.put("offset", 0);
        page.put("totalResults", items.size());
        return ResponseEntity.ok(page);
    }

    @GetMapping(RECORDS + "/salesOrder/{id}")
    ResponseEntity<Object> salesOrder(HttpServletRequest request, @PathVariable String id) {
        ResponseEntity<Object> refused = refused(request);
        if (refused != null) {
            return refused;
        }
        return findSalesOrder(id).<ResponseEntity<Object>>map(order -> ResponseEntity.ok(salesOrder(order)))
                .orElseGet(() -> notFound("salesOrder", id));
    }

    /**
     * A transform copies every line of the sales order; the body's {@code item.items} then set
     * fields of the copied lines they name by {@code orderLine} (Oracle's pattern: choose what is
     * returned by {@code quantity}, 0 for a line not returned, which leaves the new record). A line
     * naming no {@code orderLine} would be a new line, which needs an {@code item}; a line of the
     * order not named keeps its whole quantity. With {@code replace=item} the copied lines are
     * dropped and the body's lines are new ones, so each needs its {@code item} too.
     */
    @PostMapping(RECORDS + "/salesOrder/{id}/!transform/returnAuthorization")
    ResponseEntity<Object> transform(HttpServletRequest request, @PathVariable String id,
                                     @RequestParam(required = false) String replace,
                                     @RequestBody(required = false) JsonNode body) {
        ResponseEntity<Object> refused = refused(request);
        if (refused != null) {
            return refused;
        }
        Optional<SandboxShopifyOrder> order = findSalesOrder(id);
        if (order.isEmpty()) {
            return notFound("salesOrder", id);
        }
        List<Map<String, Object>> soLines = lines(order.get());
        boolean replaceItems = replace != null && List.of(replace.split(",")).contains("item");
        Map<Integer, Integer> quantities = new LinkedHashMap<>();
        if (!replaceItems) {
            soLines.forEach(line -> quantities.put((Integer) line.get("line"), ((Number) line.get("quantity")).intValue()));
        }
        JsonNode requested = body == null ? null : body.path("item").path("items");
        for (JsonNode item : requested == null ? List.<JsonNode>of() : (Iterable<JsonNode>) requested::elements) {
            String itemId = item.path("item").path("id").asText("");
            if ((replaceItems || !item.has("orderLine")) && itemId.isBlank()) {
                return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "Please enter value(s) for: Item");
            }
            if (!item.has("orderLine")) {
                return error(HttpStatus.BAD_REQUEST, "USER_ERROR",
                        "The sandbox returns lines of the order only: name the line's orderLine.");
            }
            int orderLine = item.path("orderLine").asInt(-1);
            int quantity = item.path("quantity").asInt(-1);
            Map<String, Object> line = soLines.stream().filter(l -> l.get("line").equals(orderLine)).findFirst().orElse(null);
            if (line == null) {
                return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "Sales order " + id + " has no line " + orderLine + ".");
            }
            if (!itemId.isBlank() && !itemId.equals(String.valueOf(((Map<?, ?>) line.get("item")).get("id")))) {
                return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "Line " + orderLine + " of sales order " + id
                        + " is not item " + itemId + ".");
            }
            if (!item.path("quantity").isIntegralNumber() || quantity < 0 || quantity > ((Number) line.get("quantity")).intValue()) {
                return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "Invalid quantity " + item.path("quantity") + " for line " + orderLine + ".");
            }
            quantities.put(orderLine, quantity);
        }
        List<Map<String, Object>> raLines = new ArrayList<>();
        for (Map<String, Object> line : soLines) {
            int quantity = quantities.getOrDefault((Integer) line.get("line"), 0);
            if (quantity > 0) {
                raLines.add(raLine(line, quantity));
            }
        }
        if (raLines.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "You must enter at least one line item for this transaction.");
        }
        return create(request, body, "TRANSFORM", order.get(), raLines);
    }

    @PostMapping(RECORDS + "/returnAuthorization")
    ResponseEntity<Object> createDirect(HttpServletRequest request, @RequestBody(required = false) JsonNode body) {
        ResponseEntity<Object> refused = refused(request);
        if (refused != null) {
            return refused;
        }
        if (body == null || body.path("entity").path("id").asText("").isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "Please enter value(s) for: Customer");
        }
        List<Map<String, Object>> raLines = new ArrayList<>();
        int number = 1;
        for (JsonNode item : body.path("item").path("items")) {
            if (item.path("item").path("id").asText("").isBlank() || item.path("quantity").asInt(0) < 1) {
                return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "Every line needs an item and a quantity.");
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", number++);
            line.put("item", Map.of("id", item.path("item").path("id").asText()));
            line.put("quantity", item.path("quantity").asInt());
            if (item.has("rate")) {
                line.put("rate", item.path("rate").decimalValue());
            }
            raLines.add(line);
        }
        if (raLines.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "USER_ERROR", "You must enter at least one line item for this transaction.");
        }
        return create(request, body, "DIRECT", null, raLines);
    }

    @GetMapping(RECORDS + "/returnAuthorization/{id}")
    ResponseEntity<Object> returnAuthorization(HttpServletRequest request, @PathVariable String id) {
        ResponseEntity<Object> refused = refused(request);
        if (refused != null) {
            return refused;
        }
        Optional<Map<String, Object>> found = id.startsWith("eid:")
                ? returnAuthorizations.values().stream().filter(ra -> id.substring(4).equals(ra.get("externalId"))).findFirst()
                : Optional.ofNullable(returnAuthorizations.get(id));
        return found.<ResponseEntity<Object>>map(ResponseEntity::ok).orElseGet(() -> notFound("returnAuthorization", id));
    }

    /** What the sandbox NetSuite holds, for demos and tests (no authentication: not a NetSuite API). */
    @GetMapping("/sandbox/netsuite/return-authorizations")
    List<Map<String, Object>> all(@RequestParam(required = false) String externalId) {
        return returnAuthorizations.values().stream()
                .filter(ra -> externalId == null || externalId.equals(ra.get("externalId")))
                .toList();
    }

    private synchronized ResponseEntity<Object> create(HttpServletRequest request, JsonNode body, String via,
                                                       SandboxShopifyOrder from, List<Map<String, Object>> lines) {
        String externalId = body == null ? null : body.path("externalId").asText(null);
        if (externalId != null && returnAuthorizations.values().stream().anyMatch(ra -> externalId.equals(ra.get("externalId")))) {
            return error(HttpStatus.BAD_REQUEST, "USER_ERROR",
                    "Error while accessing a resource. A record with external ID " + externalId + " already exists.");
        }
        String id = String.valueOf(ids.incrementAndGet());
        Map<String, Object> ra = new LinkedHashMap<>();
        ra.put("id", id);
        ra.put("tranId", "RA" + id);
        ra.put("externalId", externalId);
        ra.put("memo", body == null ? null : body.path("memo").asText(null));
        ra.put("createdVia", via);
        ra.put("createdFrom", from == null ? null : Map.of("id", numberOf(from), "refName", "Sales Order #SO" + numberOf(from)));
        ra.put("entity", from == null ? Map.of("id", body.path("entity").path("id").asText()) : entity());
        ra.put("location", body == null || !body.has("location") ? null : Map.of("id", body.path("location").path("id").asText()));
        ra.put("item", Map.of("items", lines));
        returnAuthorizations.put(id, ra);
        log.info("Sandbox NetSuite: Return Authorization {} ({}) created", id, externalId);
        return ResponseEntity.noContent().header("Location", link(request, "returnAuthorization/" + id).get("href").toString()).build();
    }

    private ResponseEntity<Object> refused(HttpServletRequest request) {
        String problem = auth.problem(request);
        if (problem == null) {
            return null;
        }
        log.info("Sandbox NetSuite refused {} {}: {}", request.getMethod(), request.getRequestURI(), problem);
        return error(HttpStatus.UNAUTHORIZED, "INVALID_LOGIN", "Invalid login attempt. For more details, see the Login"
                + " Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.");
    }

    private Optional<SandboxShopifyOrder> findSalesOrder(String id) {
        String wanted = id.startsWith("eid:") ? id.substring(4) : id;
        String field = id.startsWith("eid:") ? "externalId" : "id";
        return data.shopifyOrders().stream().filter(order -> wanted.equals(field(order, field))).findFirst();
    }

    private static String field(SandboxShopifyOrder order, String field) {
        return switch (field) {
            case "id", "externalId", "custbody_shopify_order_id" -> numberOf(order);
            case "otherRefNum", "tranId" -> order.name();
            default -> null;
        };
    }

    private static String numberOf(SandboxShopifyOrder order) {
        return order.id().substring(order.id().lastIndexOf('/') + 1);
    }

    private Map<String, Object> salesOrder(SandboxShopifyOrder order) {
        Map<String, Object> so = new LinkedHashMap<>();
        so.put("id", numberOf(order));
        so.put("tranId", "SO" + numberOf(order));
        so.put("externalId", numberOf(order));
        so.put("otherRefNum", order.name());
        so.put("entity", entity());
        so.put("item", Map.of("items", lines(order)));
        return so;
    }

    private static Map<String, Object> entity() {
        return Map.of("id", "4242", "refName", "Sandbox Buyer");
    }

    private static List<Map<String, Object>> lines(SandboxShopifyOrder order) {
        List<Map<String, Object>> lines = new ArrayList<>();
        int number = 1;
        for (SandboxShopifyOrder.Line line : order.lines()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("line", number++);
            item.put("item", Map.of("id", String.valueOf(Math.abs(line.sku().hashCode() % 100000)), "refName", line.sku()));
            item.put("description", line.title());
            item.put("quantity", line.quantity());
            item.put("rate", new BigDecimal("12.50"));
            item.put("custcol_shopify_line_id", line.id().substring(line.id().lastIndexOf('/') + 1));
            lines.add(item);
        }
        return lines;
    }

    private static Map<String, Object> raLine(Map<String, Object> soLine, int quantity) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("orderLine", soLine.get("line"));
        line.put("item", soLine.get("item"));
        line.put("quantity", quantity);
        line.put("rate", soLine.get("rate"));
        return line;
    }

    private static Map<String, Object> link(HttpServletRequest request, String path) {
        String base = request.getRequestURL().toString();
        base = base.substring(0, base.indexOf(RECORDS) + RECORDS.length());
        return Map.of("rel", "self", "href", base + "/" + path);
    }

    private static ResponseEntity<Object> notFound(String type, String id) {
        return error(HttpStatus.NOT_FOUND, "NONEXISTENT_ID", "The record instance does not exist. Provide a valid record"
                + " instance ID (" + type + " " + id + ").");
    }

    private static ResponseEntity<Object> error(HttpStatus status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5." + (status.value() - 399));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("o:errorDetails", List.of(Map.of("detail", detail, "o:errorCode", code)));
        return ResponseEntity.status(status).body(body);
    }
}
