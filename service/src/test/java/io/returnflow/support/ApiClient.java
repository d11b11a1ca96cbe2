package io.returnflow.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's HTTP API as a client sees it, through the real server. Redirects are not followed
 * on their own: tests follow them explicitly, to see each hop. One client is one browser: it keeps
 * the cookies answers set (by host, as a browser does) and sends them back, which TikTok's connect
 * needs (its callback must come from the browser that started it). Another browser is another
 * ApiClient.
 */
public final class ApiClient {

    /** app.admin-token of the test profile. */
    public static final String ADMIN_TOKEN = "test-admin-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** host -> cookie name -> value */
    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> get(String path, String bearer) {
        return send(request(uri(path), bearer).GET());
    }

    public HttpResponse<String> get(URI absolute) {
        return send(HttpRequest.newBuilder(absolute).GET());
    }

    /** As a browser asks for a page. */
    public HttpResponse<String> getPage(URI absolute) {
        return send(HttpRequest.newBuilder(absolute).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
    }

    public HttpResponse<String> put(String path, String bearer, String json) {
        return send(request(uri(path), bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> patch(String path, String bearer, String json) {
        return send(request(uri(path), bearer).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> postJson(String path, String bearer, String json) {
        return send(request(uri(path), bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with headers of the caller's choosing (a partner's own authentication, e.g.). */
    public HttpResponse<String> postJsonWithHeaders(String path, java.util.Map<String, String> headers, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path, String bearer) {
        return send(request(uri(path), bearer).DELETE());
    }

    public HttpResponse<String> post(String path, String bearer) {
        return send(request(uri(path), bearer).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The next hop of a 3xx answer. */
    public HttpResponse<String> follow(HttpResponse<String> redirect) {
        URI location = redirect.uri().resolve(redirect.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in a " + redirect.statusCode() + " answer")));
        return get(location);
    }

    /** name=value of each Set-Cookie; Max-Age=0 forgets the cookie. Attributes beyond that are the server's business here. */
    private void keepCookies(String host, HttpResponse<String> answer) {
        for (String header : answer.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            Map<String, String> jar = cookies.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
            if (header.toLowerCase().contains("max-age=0")) {
                jar.remove(pair.substring(0, equals).trim());
            } else {
                jar.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public static String uniqueMerchantId() {
        return "m-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A complete merchant document whose secrets all end with the given marker. */
    public static String merchantDocument(String name, String secretMarker) {
        return """
                {"name": "%1$s",
                 "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "shpat_shopify_%2$s", "apiBaseUrl": null},
                 "returns": {"useRedoReturnLabels": true, "mixedDecision": "PARTIAL_REFUND",
                             "returnAddress": {"name": "Acme Returns", "line1": "1 Dock Rd", "city": "Reno",
                                               "province": "NV", "zip": "89501", "country": "US", "phone": "+15555550100"}},
                 "netsuite": {"enabled": true, "accountId": "1234567_SB1", "consumerKey": "ns_consumer_key_%2$s",
                              "consumerSecret": "ns_consumer_secret_%2$s", "tokenId": "ns_token_id_%2$s",
                              "tokenSecret": "ns_token_secret_%2$s", "restBaseUrl": null, "locationId": "1"},
                 "shiphero": {"enabled": true, "accessToken": "sh_access_%2$s", "refreshToken": "sh_refresh_%2$s",
                              "warehouseId": "V2FyZWhvdXNlOjE="}}""".formatted(name, secretMarker);
    }

    /** A merchant with every secret ending in a fresh marker; answers the marker. */
    public String createMerchant(String merchantId) {
        String marker = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> answer = put("/api/admin/merchants/" + merchantId, ADMIN_TOKEN, merchantDocument("Acme", marker));
        if (answer.statusCode() != 201) {
            throw new AssertionError("merchant not created: " + answer.statusCode() + " " + answer.body());
        }
        return marker;
    }

    public String createApiKey(String merchantId) {
        HttpResponse<String> answer = post("/api/admin/merchants/" + merchantId + "/api-keys", ADMIN_TOKEN);
        if (answer.statusCode() != 201) {
            throw new AssertionError("API key not created: " + answer.statusCode() + " " + answer.body());
        }
        return json(answer).path("apiKey").asText();
    }

    /**
     * An operator releases a TikTok shop from whichever merchant holds it (204), if any (404): the
     * sandbox's default shop, which a browser's connect authorizes, may be held by an earlier
     * test's merchant, and a shop never moves to another merchant by itself.
     */
    public void releaseTikTokShop(String shopId) {
        int status = delete("/api/admin/tiktok/shops/" + shopId, ADMIN_TOKEN).statusCode();
        if (status != 204 && status != 404) {
            throw new AssertionError("releasing shop " + shopId + " answered " + status);
        }
    }

    /**
     * Connect, TikTok's (sandbox) authorization page, the callback: the three hops a seller's browser
     * makes. {@code shopId} picks the sandbox shop the seller authorizes (null: the default one).
     * Answers the callback's answer.
     */
    public HttpResponse<String> connectTikTokShop(String merchantId, String bearer, String shopId) {
        HttpResponse<String> toTikTok = get("/api/merchants/" + merchantId + "/tiktok/connect", bearer);
        if (toTikTok.statusCode() != 302) {
            throw new AssertionError("connect answered " + toTikTok.statusCode() + " " + toTikTok.body());
        }
        URI authorize = URI.create(toTikTok.headers().firstValue("Location").orElseThrow()
                + (shopId == null ? "" : "&shop_id=" + shopId));
        HttpResponse<String> back = get(authorize);
        if (back.statusCode() != 302) {
            throw new AssertionError("authorize answered " + back.statusCode() + " " + back.body());
        }
        return follow(back);
    }

    private static HttpRequest.Builder request(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    /** The value of a cookie this browser holds for the service's host, or null. */
    public String cookie(String name) {
        return cookies.getOrDefault("localhost", Map.of()).get(name);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        Map<String, String> held = cookies.getOrDefault(built.uri().getHost(), Map.of());
        if (!held.isEmpty()) {
            built = request.header("Cookie", held.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; "))).build();
        }
        try {
            HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
            keepCookies(built.uri().getHost(), answer);
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("request to " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
