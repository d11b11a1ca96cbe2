package io.returnflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.returnflow.tiktok.RequestSigner;
import io.returnflow.tiktok.TikTokProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Partner API's {@code GET /authorization/202309/shops}: checks the call as TikTok does
 * (app key, {@code sign}, access token) and lists the shops the token covers.
 */
@RestController
@RequestMapping(SandboxAuthorizedShopsApi.API_PREFIX)
@ConditionalOnProperty("sandbox.enabled")
class SandboxAuthorizedShopsApi {

    static final String API_PREFIX = "/sandbox/tiktok";
    /** TikTok's codes, answered with HTTP 401. */
    static final long INVALID_SIGN = 106001L;
    static final long INVALID_ACCESS_TOKEN = 105001L;

    private final SandboxTikTokGrants grants;
    private final SandboxProperties sandbox;
    private final RequestSigner signer;
    private final TikTokProperties tiktok;

    SandboxAuthorizedShopsApi(SandboxTikTokGrants grants, SandboxProperties sandbox, RequestSigner signer,
                              TikTokProperties tiktok) {
        this.grants = grants;
        this.sandbox = sandbox;
        this.signer = signer;
        this.tiktok = tiktok;
    }

    @GetMapping("/authorization/202309/shops")
    ResponseEntity<Map<String, Object>> shops(HttpServletRequest request,
                                              @RequestHeader(name = "x-tts-access-token", required = false) String accessToken) {
        if (!isSigned(request)) {
            return refused(INVALID_SIGN, "Invalid credentials. The 'sign' query parameter is invalid.");
        }
        Optional<List<String>> shopIds = grants.shopsOf(accessToken);
        if (shopIds.isEmpty()) {
            return refused(INVALID_ACCESS_TOKEN, "Invalid credentials. The access token is invalid or expired.");
        }
        List<Map<String, Object>> shops = shopIds.get().stream().map(this::shop).toList();
        return ResponseEntity.ok(SandboxTikTokAuthController.envelope(0, "Success", Map.of("shops", shops)));
    }

    /** The sandbox shop's cipher: derived from its id, so it is the same in every run. */
    static String cipherOf(String shopId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("cipher:" + shopId).getBytes(StandardCharsets.UTF_8));
            return "ROW_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> shop(String shopId) {
        Map<String, Object> shop = new LinkedHashMap<>();
        shop.put("id", shopId);
        shop.put("name", shopId.equals(sandbox.shopId()) ? "Sandbox Shop" : "Sandbox Shop " + shopId);
        shop.put("region", "US");
        shop.put("seller_type", "LOCAL");
        shop.put("cipher", cipherOf(shopId));
        shop.put("code", "USSBX" + Integer.toUnsignedString(shopId.hashCode(), 36).toUpperCase());
        return shop;
    }

    private boolean isSigned(HttpServletRequest request) {
        Map<String, String> query = new HashMap<>();
        request.getParameterMap().forEach((key, values) -> query.put(key, String.join(",", values)));
        String given = query.get("sign");
        if (given == null || !tiktok.appKey().equals(query.get("app_key"))) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length() + API_PREFIX.length());
        String expected = signer.sign(path, query, null);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static ResponseEntity<Map<String, Object>> refused(long code, String message) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(SandboxTikTokAuthController.envelope(code, message, null));
    }
}
