package io.returnflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** The service's merchant and admin HTTP APIs, as the README's walk-through uses them. */
final class ServiceApi {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final ServiceInstance service;
    private final String adminToken;
    private final Http http = new Http();

    ServiceApi(ServiceInstance service, String adminToken) {
        this.service = service;
        this.adminToken = adminToken;
    }

    String name() {
        return service.name();
    }

    /**
     * A merchant whose Shopify store, NetSuite account and ShipHero warehouse are the partners
     * process's sandbox; answers the merchant's API key.
     */
    String createMerchant(String merchantId, Partners partners, boolean netSuite, boolean shipHero)
            throws IOException, InterruptedException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "Reliability " + merchantId);
        document.put("shopify", Map.of("shopDomain", merchantId + ".myshopify.com", "accessToken", "shpat_sandbox",
                "apiBaseUrl", partners.url("/sandbox/shopify/admin/api/2025-10")));
        document.put("returns", Map.of("useRedoReturnLabels", false, "mixedDecision", "APPROVE_ALL"));
        document.put("netsuite", !netSuite ? Map.of("enabled", false) : Map.of("enabled", true, "accountId", "1234567_SB1",
                "consumerKey", "sbx-ns-consumer-key", "consumerSecret", "sbx-ns-consumer-secret",
                "tokenId", "sbx-ns-token-id", "tokenSecret", "sbx-ns-token-secret",
                "restBaseUrl", partners.url("/sandbox/netsuite/services/rest"), "locationId", "1"));
        document.put("shiphero", !shipHero ? Map.of("enabled", false) : Map.of("enabled", true, "accessToken", "not-yet-issued",
                "refreshToken", "sbx_shiphero_refresh", "warehouseId", "V2FyZWhvdXNlOjE="));
        Http.ok(http.putJson(service.uri("/api/admin/merchants/" + merchantId), adminToken, document));
        return Http.ok(http.postJson(service.uri("/api/admin/merchants/" + merchantId + "/api-keys"), adminToken, ""))
                .path("apiKey").asText();
    }

    /**
     * Connects the sandbox shop: connect -> the sandbox TikTok's authorize page (naming the shop) ->
     * callback, which carries back the connect cookie the first answer set (Http keeps it).
     */
    void connectShop(String merchantId, String apiKey, String shopId) throws IOException, InterruptedException {
        HttpResponse<String> connect = http.get(service.uri("/api/merchants/" + merchantId + "/tiktok/connect"), apiKey);
        URI authorize = URI.create(location(connect) + "&shop_id=" + shopId);
        URI callback = URI.create(location(http.get(authorize, null)));
        HttpResponse<String> connected = http.get(callback, null);
        if (connected.statusCode() != 200) {
            throw new IllegalStateException("connecting shop " + shopId + " failed: " + connected.statusCode() + " " + connected.body());
        }
        JsonNode shops = Http.ok(http.get(service.uri("/api/merchants/" + merchantId + "/tiktok/shops"), apiKey));
        if (shops.findValuesAsText("id").stream().noneMatch(shopId::equals)) {
            throw new IllegalStateException("shop " + shopId + " is not connected to " + merchantId + ": " + shops);
        }
    }

    /**
     * Approves every item; answers the HTTP status (409 when the return was decided already). The
     * service limits each key's rate: a 429 is waited out (Retry-After) and the call made again.
     */
    int approveAll(String returnId, List<String> itemIds, String apiKey) throws IOException, InterruptedException {
        List<Map<String, String>> items = itemIds.stream().map(id -> Map.of("itemId", id, "decision", "APPROVE")).toList();
        HttpResponse<String> answer = http.postJson(service.uri("/api/returns/" + returnId + "/decision"), apiKey, Map.of("items", items));
        for (int tries = 0; answer.statusCode() == 429 && tries < 20; tries++) {
            Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
            answer = http.postJson(service.uri("/api/returns/" + returnId + "/decision"), apiKey, Map.of("items", items));
        }
        return answer.statusCode();
    }

    /** Sets the merchant's deadline policy ({@code PUT /api/merchants/{id}/deadline-policy}, README "Deadline policy"). */
    void putDeadlinePolicy(String merchantId, String apiKey, Map<String, Object> policy) throws IOException, InterruptedException {
        Http.ok(http.putJson(service.uri("/api/merchants/" + merchantId + "/deadline-policy"), apiKey, policy));
    }

    /** What the deadline policy did to a return and when ({@code GET /api/returns/{id}/deadline-policy}; the service's return id). */
    JsonNode deadlinePolicyPlan(String returnId, String apiKey) throws IOException, InterruptedException {
        return Http.ok(http.get(service.uri("/api/returns/" + returnId + "/deadline-policy"), apiKey));
    }

    /** Messages in every dead-letter queue. */
    long deadLetters() throws IOException, InterruptedException {
        long depth = 0;
        for (JsonNode queue : Http.ok(http.get(service.uri("/api/admin/dlq"), adminToken))) {
            depth += queue.path("depth").asLong();
        }
        return depth;
    }

    /**
     * Sum of a Prometheus metric's samples whose labels contain every one of {@code labels} (e.g.
     * routeId="x"); /actuator/prometheus answers only the admin token.
     */
    double metric(String name, String... labels) throws IOException, InterruptedException {
        HttpResponse<String> scrape = http.get(service.uri("/actuator/prometheus"), adminToken);
        double sum = 0;
        Matcher sample = SAMPLE.matcher(scrape.body());
        while (sample.find()) {
            if (sample.group(1).equals(name) && List.of(labels).stream().allMatch(sample.group(2)::contains)) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                response.request().uri() + " answered " + response.statusCode() + " without a redirect: " + response.body()));
    }
}
