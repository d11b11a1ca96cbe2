package io.returnflow.tiktok.connect;

import java.time.Instant;

/**
 * A TikTok shop a merchant connected, as the flows need it to call the Partner API for the shop:
 * {@code accessToken} (in clear) as {@code x-tts-access-token}, {@code cipher} as {@code shop_cipher}.
 * Printed with the token masked.
 *
 * @param shopId TikTok's shop id, the {@code shop_id} of its webhooks
 */
public record ConnectedShop(String shopId, String merchantId, String name, String region, String cipher,
                            String accessToken, Instant accessTokenExpiresAt, ShopStatus status) {

    @Override
    public String toString() {
        return "ConnectedShop[shopId=" + shopId + ", merchantId=" + merchantId + ", name=" + name + ", region=" + region
                + ", cipher=" + cipher + ", accessToken=****, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", status=" + status + "]";
    }
}
