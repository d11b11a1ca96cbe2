package io.returnflow.secrets;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.merchants.SealedSettings;
import io.returnflow.merchants.TargetSettingsStore;
import io.returnflow.support.ApiClient;
import io.returnflow.support.LegacySeals;
import io.returnflow.support.ServiceTest;
import io.returnflow.wms.netsuite.NetSuiteSettings;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A key rotation end to end: a merchant whose secrets were sealed under the key rotated out (the
 * test profile's app.previous-encryption-keys), some unbound as seals of old were, still works;
 * {@code POST /api/admin/secrets/reseal} rewrites them all under the current key, bound.
 */
@ServiceTest
class ResealTest {

    private static final SecretKeySpec PREVIOUS_KEY = new SecretKeySpec(filled((byte) 7), "AES");

    @Value("${server.port}")
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    SecretBox secrets;
    @Autowired
    ObjectMapper json;
    @Autowired
    TargetSettingsStore targets;

    @Test
    void resealsEverySealUnderThePreviousKeyOrUnboundUnderTheCurrentKeyAndTheMerchantReadsTheSameAfter() {
        ApiClient api = new ApiClient(port);
        String merchant = uniqueMerchantId();
        api.createMerchant(merchant);
        String key = api.createApiKey(merchant);
        String shop = String.valueOf(System.nanoTime());
        assertThat(api.connectTikTokShop(merchant, key, shop).statusCode()).isEqualTo(200);
        JsonNode before = json(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN));
        String shopifyToken = shopifyToken(merchant);
        String refreshToken = secrets.open(refreshTokenSeal(merchant), new SealBinding(merchant, "tiktok.refreshToken"));
        sealedUnderThePreviousKey(merchant, shopifyToken, refreshToken);

        assertThat(json(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN))).as("old seals still open").isEqualTo(before);
        assertThat(api.get("/api/merchants/" + merchant + "/tiktok/shops", key).statusCode()).isEqualTo(200);

        JsonNode resealed = json(api.postJson("/api/admin/secrets/reseal", ADMIN_TOKEN, ""));

        assertThat(resealed.path("keyId").asText()).isEqualTo(secrets.currentKeyId());
        assertThat(resealed.path("resealed").path("merchants").asInt()).isPositive();
        assertThat(resealed.path("resealed").path("targetSettings").asInt()).isPositive();
        assertThat(resealed.path("resealed").path("tiktokAuthorizations").asInt()).isPositive();
        assertThat(db.queryForObject("SELECT shopify_access_token FROM merchants WHERE id = ?", String.class, merchant))
                .startsWith("v2:" + secrets.currentKeyId() + ":");
        assertThat(refreshTokenSeal(merchant)).startsWith("v2:" + secrets.currentKeyId() + ":");
        JsonNode document = jsonOf(db.queryForObject("SELECT settings FROM merchant_targets WHERE merchant_id = ? AND target = 'NETSUITE'",
                String.class, merchant));
        assertThat(document.path("secrets")).allSatisfy(envelope -> {
            assertThat(envelope.path("kid").asText()).isEqualTo(secrets.currentKeyId());
            assertThat(envelope.path("aad").asText()).isEqualTo("merchant-field");
        });
        assertThat(json(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN))).isEqualTo(before);
        assertThat(shopifyToken(merchant)).isEqualTo(shopifyToken);
        assertThat(secrets.open(refreshTokenSeal(merchant), new SealBinding(merchant, "tiktok.refreshToken"))).isEqualTo(refreshToken);
        assertThat(json(api.postJson("/api/admin/secrets/reseal", ADMIN_TOKEN, "")).path("resealed").path("merchants").asInt())
                .as("a second re-seal finds nothing to rewrite").isZero();
    }

    @Test
    void onlyTheAdminReseals() {
        ApiClient api = new ApiClient(port);
        String merchant = uniqueMerchantId();
        api.createMerchant(merchant);

        assertThat(api.postJson("/api/admin/secrets/reseal", api.createApiKey(merchant), "").statusCode()).isEqualTo(403);
    }

    /** The merchant's Shopify token, NetSuite settings and TikTok tokens as the previous key sealed them (the refresh token unbound, of old). */
    private void sealedUnderThePreviousKey(String merchant, String shopifyToken, String refreshToken) {
        SecretBox previous = new SecretBox(PREVIOUS_KEY);
        db.update("UPDATE merchants SET shopify_access_token = ? WHERE id = ?",
                previous.seal(shopifyToken, new SealBinding(merchant, "shopify.accessToken")), merchant);
        NetSuiteSettings netsuite = targets.find(merchant, NetSuiteSettings.SECTION).orElseThrow();
        db.update("UPDATE merchant_targets SET settings = ? WHERE merchant_id = ? AND target = 'NETSUITE'",
                new SealedSettings(json, previous).seal(merchant, "NETSUITE", netsuite), merchant);
        db.update("UPDATE tiktok_authorizations SET refresh_token = ? WHERE merchant_id = ?",
                LegacySeals.v1(PREVIOUS_KEY, refreshToken), merchant);
        assertThat(List.of(db.queryForObject("SELECT shopify_access_token FROM merchants WHERE id = ?", String.class, merchant),
                refreshTokenSeal(merchant))).noneMatch(secrets::isCurrent);
    }

    private String shopifyToken(String merchant) {
        return secrets.open(db.queryForObject("SELECT shopify_access_token FROM merchants WHERE id = ?", String.class, merchant),
                new SealBinding(merchant, "shopify.accessToken"));
    }

    private String refreshTokenSeal(String merchant) {
        return db.queryForObject("SELECT refresh_token FROM tiktok_authorizations WHERE merchant_id = ?", String.class, merchant);
    }

    private JsonNode jsonOf(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] filled(byte value) {
        byte[] key = new byte[32];
        Arrays.fill(key, value);
        return key;
    }
}
