package io.returnflow.tiktok;

import java.time.Instant;

/**
 * Tokens TikTok granted for one seller's authorization; the access token works for every shop the
 * seller authorized. Printed with the tokens masked.
 *
 * @param openId identifies the authorizing seller; null if TikTok did not say
 */
public record TokenGrant(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                         Instant refreshTokenExpiresAt, String openId, String sellerName, String sellerBaseRegion) {

    @Override
    public String toString() {
        return "TokenGrant[accessToken=****, accessTokenExpiresAt=" + accessTokenExpiresAt + ", refreshToken=****"
                + ", refreshTokenExpiresAt=" + refreshTokenExpiresAt + ", openId=" + openId + ", sellerName=" + sellerName
                + ", sellerBaseRegion=" + sellerBaseRegion + "]";
    }
}
