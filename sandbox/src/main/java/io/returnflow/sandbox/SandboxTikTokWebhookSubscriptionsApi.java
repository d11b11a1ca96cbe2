package io.returnflow.sandbox;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox TikTok's shop webhook subscriptions ({@code /event/202309/webhooks}): signed,
 * shop-scoped calls whose access token must cover the shop of {@code shop_cipher}; one address
 * per shop and event type, https only, as TikTok keeps them.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokWebhookSubscriptionsApi {

    static final String PATH = SandboxSignatureCheck.API_PREFIX + "/event/202309/webhooks";
    static final long INVALID_PARAMETER = 36009004L;
    private static final Set<String> EVENT_TYPES = Set.of("ORDER_STATUS_CHANGE", "RETURN_STATUS_CHANGE",
            "PACKAGE_UPDATE", "PRODUCT_STATUS_CHANGE", "SELLER_DEAUTHORIZATION", "UPCOMING_AUTHORIZATION_EXPIRATION",
            "CANCELLATION_STATUS_CHANGE");

    /** A subscription as TikTok lists it. */
    record Subscription(String eventType, String address, long updateTime) {
    }

    /** shop id -> event type -> subscription */
    private final Map<String, Map<String, Subscription>> byShop = new ConcurrentHashMap<>();
    private final SandboxSignatureCheck signatures;
    private final SandboxTikTokGrants grants;
    private final ObjectMapper json;
    private final Clock clock;

    SandboxTikTokWebhookSubscriptionsApi(SandboxSignatureCheck signatures, SandboxTikTokGrants grants, ObjectMapper json,
                                         Clock clock) {
        this.signatures = signatures;
        this.grants = grants;
        this.json = json;
        this.clock = clock;
    }

    @PutMapping(PATH)
    Map<String, Object> subscribe(HttpServletRequest request, @RequestBody(required = false) byte[] body) throws IOException {
        return withShop(request, body, shopId -> {
            JsonNode given = read(body);
            String eventType = given.path("event_type").asText("");
            String address = given.path("address").asText("");
            if (!EVENT_TYPES.contains(eventType)) {
                return SandboxEnvelope.error(INVALID_PARAMETER, "Invalid event_type: " + eventType);
            }
            if (!address.regionMatches(true, 0, "https://", 0, 8) || address.length() == 8) {
                return SandboxEnvelope.error(INVALID_PARAMETER, "The webhook address must be an https URL");
            }
            byShop.computeIfAbsent(shopId, id -> new ConcurrentHashMap<>())
                    .put(eventType, new Subscription(eventType, address, clock.instant().getEpochSecond()));
            return SandboxEnvelope.ok(Map.of());
        });
    }

    @GetMapping(PATH)
    Map<String, Object> list(HttpServletRequest request) throws IOException {
        return withShop(request, null, shopId -> {
            List<Map<String, Object>> webhooks = new ArrayList<>();
            for (Subscription subscription : subscriptionsOf(shopId)) {
                Map<String, Object> webhook = new LinkedHashMap<>();
                webhook.put("event_type", subscription.eventType());
                webhook.put("address", subscription.address());
                webhook.put("create_time", subscription.updateTime());
                webhook.put("update_time", subscription.updateTime());
                webhooks.add(webhook);
            }
            return SandboxEnvelope.ok(Map.of("webhooks", webhooks));
        });
    }

    @DeleteMapping(PATH)
    Map<String, Object> unsubscribe(HttpServletRequest request, @RequestBody(required = false) byte[] body) throws IOException {
        return withShop(request, body, shopId -> {
            String eventType = read(body).path("event_type").asText("");
            Map<String, Subscription> shop = byShop.get(shopId);
            if (shop == null || shop.remove(eventType) == null) {
                return SandboxEnvelope.error(INVALID_PARAMETER, "No webhook subscribed for " + eventType);
            }
            return SandboxEnvelope.ok(Map.of());
        });
    }

    /** For tests and demos: the shop's subscriptions. */
    @GetMapping("/sandbox/tiktok/shops/{shopId}/webhooks")
    List<Subscription> subscriptionsOf(@PathVariable String shopId) {
        return List.copyOf(byShop.getOrDefault(shopId, Map.of()).values());
    }

    private interface ShopCall {
        Map<String, Object> apply(String shopId) throws IOException;
    }

    private Map<String, Object> withShop(HttpServletRequest request, byte[] body, ShopCall call) throws IOException {
        Map<String, Object> problem = signatures.problem(request, body == null ? new byte[0] : body, false);
        if (problem != null) {
            return problem;
        }
        Optional<String> shopId = grants.shopOf(request.getHeader("x-tts-access-token"), request.getParameter("shop_cipher"));
        if (shopId.isEmpty()) {
            return SandboxEnvelope.error(SandboxAuthorizedShopsApi.INVALID_ACCESS_TOKEN,
                    "The access token does not cover the shop of this shop_cipher");
        }
        return call.apply(shopId.get());
    }

    private JsonNode read(byte[] body) throws IOException {
        return body == null || body.length == 0 ? json.createObjectNode() : json.readTree(body);
    }
}
