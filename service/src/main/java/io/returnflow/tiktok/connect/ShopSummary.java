package io.returnflow.tiktok.connect;

import java.time.Instant;

/**
 * A connected shop as the merchant API lists it: everything but the tokens.
 *
 * @param statusReason            why the shop is not CONNECTED, or null
 * @param authorizationExpiringAt when TikTok last warned that the authorization expires soon, or null
 * @param webhookSubscription     the shop's RETURN_STATUS_CHANGE subscription, or null when never attempted
 */
record ShopSummary(String id, String name, String region, String sellerType, ShopStatus status, String statusReason,
                   Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt, Instant authorizationExpiringAt,
                   Instant connectedAt, WebhookSubscription webhookSubscription) {

    /**
     * @param status  PENDING (TikTok did not answer; retried), SUBSCRIBED, or FAILED (TikTok refused the address)
     * @param address the address TikTok confirmed or refused; null while PENDING
     * @param error   why it is PENDING or FAILED
     */
    record WebhookSubscription(String status, String address, String error, Instant at) {
    }
}
