package io.returnflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Partner API's {@code GET /authorization/202309/shops}: checks the call as TikTok does
 * ({@code sign}, then the access token against what the sandbox issued) and lists the shops the
 * token covers.
 */
@RestController
@RequestMapping(SandboxSignatureCheck.API_PREFIX)
@ConditionalOnProperty("sandbox.enabled")
class SandboxAuthorizedShopsApi {

    /** TikTok's code for an access token it did not issue or that expired. */
    static final long INVALID_ACCESS_TOKEN = 105001L;

    private final SandboxTikTokGrants grants;
    private final SandboxSignatureCheck signatures;
    private final SandboxProperties sandbox;

    SandboxAuthorizedShopsApi(SandboxTikTokGrants grants, SandboxSignatureCheck signatures, SandboxProperties sandbox) {
        this.grants = grants;
        this.signatures = signatures;
        this.sandbox = sandbox;
    }

    @GetMapping("/authorization/202309/shops")
    ResponseEntity<Map<String, Object>> shops(HttpServletRequest request,
                                              @RequestHeader(name = "x-tts-access-token", required = false) String accessToken) {
        // TikTok answers these refusals with HTTP 401.
        Map<String, Object> problem = signatures.problem(request, null, false);
        if (problem != null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
        }
        Optional<List<String>> shopIds = grants.shopsOf(accessToken);
        if (shopIds.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(SandboxEnvelope.error(INVALID_ACCESS_TOKEN, "Invalid credentials. The access token is invalid or expired."));
        }
        List<Map<String, Object>> shops = shopIds.get().stream().map(this::shop).toList();
        return ResponseEntity.ok(SandboxEnvelope.ok(Map.of("shops", shops)));
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
}
