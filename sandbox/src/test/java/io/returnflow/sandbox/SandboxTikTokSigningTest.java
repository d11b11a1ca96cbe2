package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sandbox's own TikTok signing, against TikTok's published vectors (partner-apis.md). */
class SandboxTikTokSigningTest {

    private final SandboxTikTokSigning published = new SandboxTikTokSigning(
            new SandboxTikTokApp("68xu9ks5p4i8", "e59af819cc", "unused", "unused"));

    private static Map<String, String> query() {
        Map<String, String> query = new HashMap<>();
        query.put("app_key", "68xu9ks5p4i8");
        query.put("shop_cipher", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK");
        query.put("timestamp", "1696909648");
        return query;
    }

    @Test
    void signsTheGetWithoutBodyVector() {
        assertThat(published.partnerApiSign("/event/202309/webhooks", query(), null))
                .isEqualTo("ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37");
    }

    @Test
    void signsTheVectorWithABody() {
        byte[] body = "{\"event_type\":\"PACKAGE_UPDATE\",\"address\":\"https://partner.tiktokshop.com\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(published.partnerApiSign("/event/202309/webhooks", query(), body))
                .isEqualTo("701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7");
    }

    @Test
    void leavesOutSignAccessTokenAndEmptyParameters() {
        Map<String, String> noisy = query();
        noisy.put("sign", "whatever");
        noisy.put("access_token", "secret");
        noisy.put("page_token", "");
        assertThat(published.partnerApiSign("/event/202309/webhooks", noisy, null))
                .isEqualTo("ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37");
    }

    @Test
    void signsAWebhookAsThePublishedVector() {
        SandboxTikTokSigning signing = new SandboxTikTokSigning(new SandboxTikTokApp("abcdef", "123", "unused", "unused"));
        String body = "{\"type\":1,\"tts_notification_id\":\"7380066284010030890\",\"shop_id\":\"7495540735365777507\","
                + "\"timestamp\":1718305585,\"data\":{\"is_on_hold_order\":true,\"order_id\":\"576653688135258178\","
                + "\"order_status\":\"UNPAID\",\"update_time\":1718305585}}";

        assertThat(signing.webhookSignature(body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05");
    }
}
