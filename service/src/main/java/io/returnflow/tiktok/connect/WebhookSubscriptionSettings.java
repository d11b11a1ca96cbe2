package io.returnflow.tiktok.connect;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether connected shops are subscribed to TikTok's RETURN_STATUS_CHANGE webhook, and at which
 * address. TikTok delivers webhooks over https only, so an enabled subscription without an https
 * address stops the start-up here instead of failing for every shop later.
 *
 * @param address the public URL of this service's {@code POST /webhooks/tiktok}
 */
@ConfigurationProperties("tiktok.webhook-subscription")
record WebhookSubscriptionSettings(boolean enabled, String address) {

    WebhookSubscriptionSettings {
        if (enabled && (address == null || !isHttpsUrl(address))) {
            throw new IllegalArgumentException("tiktok.webhook-subscription.address must be the public https URL of "
                    + "POST /webhooks/tiktok when tiktok.webhook-subscription.enabled is true (TikTok calls https only), not '"
                    + (address == null ? "" : address) + "'");
        }
    }

    private static boolean isHttpsUrl(String address) {
        try {
            URI uri = URI.create(address);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
