package io.returnflow.tiktok.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSubscriptionSettingsTest {

    @Test
    void needsNoAddressWhileTheSubscriptionIsOff() {
        assertThat(new WebhookSubscriptionSettings(false, "").enabled()).isFalse();
    }

    @Test
    void acceptsAnHttpsAddress() {
        assertThat(new WebhookSubscriptionSettings(true, "https://returns.example.com/webhooks/tiktok").address())
                .isEqualTo("https://returns.example.com/webhooks/tiktok");
    }

    @Test
    void refusesToStartWithoutAnHttpsAddressWhenOn() {
        assertThatThrownBy(() -> new WebhookSubscriptionSettings(true, ""))
                .hasMessageContaining("tiktok.webhook-subscription.address");
        assertThatThrownBy(() -> new WebhookSubscriptionSettings(true, "http://returns.example.com/webhooks/tiktok"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookSubscriptionSettings(true, "not a url"))
                .hasMessageContaining("not a url");
    }
}
