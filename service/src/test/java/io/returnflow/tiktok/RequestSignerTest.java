package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RequestSignerTest {

    // TikTok's published vectors: app_secret e59af819cc, app_key 68xu9ks5p4i8.
    private final RequestSigner signer = new RequestSigner(
            new TikTokProperties("68xu9ks5p4i8", "e59af819cc", null, null, null, null, null));

    private static Map<String, String> query() {
        Map<String, String> query = new HashMap<>();
        query.put("app_key", "68xu9ks5p4i8");
        query.put("shop_cipher", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK");
        query.put("timestamp", "1696909648");
        return query;
    }

    @Test
    void signsTheGetWithoutBodyVector() {
        assertThat(signer.sign("/event/202309/webhooks", query(), null))
                .isEqualTo("ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37");
    }

    @Test
    void signsTheVectorWithABody() {
        byte[] body = "{\"event_type\":\"PACKAGE_UPDATE\",\"address\":\"https://partner.tiktokshop.com\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(signer.sign("/event/202309/webhooks", query(), body))
                .isEqualTo("701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7");
    }

    @Test
    void leavesOutSignAccessTokenAndEmptyParameters() {
        Map<String, String> noisy = query();
        noisy.put("sign", "whatever");
        noisy.put("access_token", "secret");
        noisy.put("page_token", "");
        assertThat(signer.sign("/event/202309/webhooks", noisy, null))
                .isEqualTo("ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37");
    }

    @Test
    void signsEveryOtherQueryParameter() {
        Map<String, String> withKey = query();
        withKey.put("idempotency_key", "decision-1");
        assertThat(signer.sign("/event/202309/webhooks", withKey, null))
                .isNotEqualTo("ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37");
    }
}
