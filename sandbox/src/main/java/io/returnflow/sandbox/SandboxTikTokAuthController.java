package io.returnflow.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sandbox TikTok authorization host ({@code tiktok.authorize-url} and {@code tiktok.auth-base-url}
 * in the local and test profiles): a seller who approves at once, and the token endpoints with
 * TikTok's envelopes. Failures of the token endpoints use the sandbox's own codes: our references do
 * not settle TikTok's numbers for them.
 */
@RestController
@RequestMapping("/sandbox/tiktok-auth")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokAuthController {

    static final long INVALID_APP = 36004001L;
    static final long INVALID_GRANT_TYPE = 36004002L;
    static final long INVALID_CODE = 36004004L;
    static final long INVALID_REFRESH_TOKEN = 36004005L;
    private static final Pattern SHOP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SandboxTikTokGrants grants;
    private final SandboxProperties sandbox;
    private final SandboxTikTokApp tiktok;

    SandboxTikTokAuthController(SandboxTikTokGrants grants, SandboxProperties sandbox, SandboxTikTokApp tiktok) {
        this.grants = grants;
        this.sandbox = sandbox;
        this.tiktok = tiktok;
    }

    /**
     * The seller approves at once and goes back to the app's redirect URL with a code and the state.
     * {@code shop_id} (sandbox only) picks the shop the seller authorizes; by default the sandbox shop.
     */
    @GetMapping("/open/authorize")
    ResponseEntity<String> authorize(@RequestParam(name = "service_id", required = false) String serviceId,
                                     @RequestParam(required = false) String state,
                                     @RequestParam(name = "shop_id", required = false) String shopId) {
        if (!tiktok.serviceId().equals(serviceId)) {
            return page(HttpStatus.BAD_REQUEST, "Unknown service_id: this app cannot be authorized.");
        }
        String shop = shopId == null ? sandbox.shopId() : shopId;
        if (!SHOP_ID.matcher(shop).matches()) {
            return page(HttpStatus.BAD_REQUEST, "shop_id must be 1 to 64 of A-Z, a-z, 0-9, _ and -.");
        }
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(tiktok.oauthRedirectUrl())
                .queryParam("code", grants.issueCode(List.of(shop)));
        if (state != null) {
            back.queryParam("state", state);
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(back.encode().build().toUri()).build();
    }

    @GetMapping("/api/v2/token/get")
    Map<String, Object> tokenGet(@RequestParam(name = "app_key", required = false) String appKey,
                                 @RequestParam(name = "app_secret", required = false) String appSecret,
                                 @RequestParam(name = "auth_code", required = false) String authCode,
                                 @RequestParam(name = "grant_type", required = false) String grantType) {
        if (!isThisApp(appKey, appSecret)) {
            return error(INVALID_APP, "Invalid app_key or app_secret");
        }
        if (!"authorized_code".equals(grantType)) {
            return error(INVALID_GRANT_TYPE, "grant_type must be authorized_code");
        }
        return grants.redeem(authCode).map(this::granted)
                .orElseGet(() -> error(INVALID_CODE, "The auth_code is invalid, expired or already used"));
    }

    @GetMapping("/api/v2/token/refresh")
    Map<String, Object> tokenRefresh(@RequestParam(name = "app_key", required = false) String appKey,
                                     @RequestParam(name = "app_secret", required = false) String appSecret,
                                     @RequestParam(name = "refresh_token", required = false) String refreshToken,
                                     @RequestParam(name = "grant_type", required = false) String grantType) {
        if (!isThisApp(appKey, appSecret)) {
            return error(INVALID_APP, "Invalid app_key or app_secret");
        }
        if (!"refresh_token".equals(grantType)) {
            return error(INVALID_GRANT_TYPE, "grant_type must be refresh_token");
        }
        Optional<SandboxTikTokGrants.Tokens> tokens = grants.refresh(refreshToken);
        return tokens.map(this::granted)
                .orElseGet(() -> error(INVALID_REFRESH_TOKEN, "The refresh_token is invalid or expired"));
    }

    private boolean isThisApp(String appKey, String appSecret) {
        return tiktok.appKey().equals(appKey) && tiktok.appSecret().equals(appSecret);
    }

    private Map<String, Object> granted(SandboxTikTokGrants.Tokens tokens) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_token", tokens.accessToken());
        data.put("access_token_expire_in", tokens.accessTokenExpiresAt().getEpochSecond());
        data.put("refresh_token", tokens.refreshToken());
        data.put("refresh_token_expire_in", tokens.refreshTokenExpiresAt().getEpochSecond());
        data.put("open_id", SandboxTikTokGrants.openIdOf(tokens.shopIds()));
        data.put("seller_name", "Sandbox Seller");
        data.put("seller_base_region", "US");
        data.put("user_type", 0);
        data.put("granted_scopes", List.of("seller.authorization.info", "seller.return_refund.basic"));
        return SandboxEnvelope.ok(data);
    }

    private static Map<String, Object> error(long code, String message) {
        return SandboxEnvelope.error(code, message);
    }

    private static ResponseEntity<String> page(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
