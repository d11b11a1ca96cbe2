package io.returnflow.tiktok.connect;

import java.time.Instant;

/**
 * A connected shop as the merchant API lists it: everything but the tokens.
 *
 * @param statusReason            why the shop is not CONNECTED, or null
 * @param authorizationExpiringAt when TikTok last warned that the authorization expires soon, or null
 */
record ShopSummary(String id, String name, String region, String sellerType, ShopStatus status, String statusReason,
                   Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt, Instant authorizationExpiringAt,
                   Instant connectedAt) {
}
