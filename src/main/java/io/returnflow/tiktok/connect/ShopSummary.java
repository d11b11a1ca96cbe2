package io.returnflow.tiktok.connect;

import java.time.Instant;

/** A connected shop as the merchant API lists it: everything but the tokens. */
record ShopSummary(String id, String name, String region, String sellerType, ShopStatus status,
                   Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt, Instant connectedAt) {
}
