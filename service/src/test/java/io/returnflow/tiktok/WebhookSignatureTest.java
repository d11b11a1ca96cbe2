package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // TikTok's published vector: app_key "abcdef", app_secret "123".
    private static final String BODY = "{\"type\":1,\"tts_notification_id\":\"7380066284010030890\",\"shop_id\":\"7495540735365777507\",\"timestamp\":1718305585,\"data\":{\"is_on_hold_order\":true,\"order_id\":\"576653688135258178\",\"order_status\":\"UNPAID\",\"update_time\":1718305585}}";
    private static final String EXPECTED = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05";

    private final WebhookSignature signature = new WebhookSignature(
            new TikTokProperties("abcdef", "123", null, null, null, null, null));

    @Test
    void signsThePublishedVector() {
        assertThat(signature.sign(BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsTheMatchingSignatureInAnyCase() {
        assertThat(signature.matches(EXPECTED, BODY.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(signature.matches(EXPECTED.toUpperCase(), BODY.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void refusesASignatureOfAnotherBody() {
        byte[] tampered = BODY.replace("UNPAID", "PAID").getBytes(StandardCharsets.UTF_8);
        assertThat(signature.matches(EXPECTED, tampered)).isFalse();
    }

    @Test
    void refusesAMissingOrBearerSignature() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(signature.matches(null, body)).isFalse();
        assertThat(signature.matches("", body)).isFalse();
        assertThat(signature.matches("Bearer " + EXPECTED, body)).isFalse();
    }
}
