package io.returnflow.merchants;

import java.time.Instant;

/**
 * A merchant as the flows see it, secrets in clear (they come decrypted from {@link MerchantStore}).
 * Every part is present: a partner the merchant does not use is {@code enabled = false}. The
 * records holding secrets print them masked, so logging a merchant leaks nothing.
 */
public record Merchant(String id, String name, Shopify shopify, Returns returns, NetSuite netsuite, ShipHero shiphero) {

    /** @param apiBaseUrl overrides {@code https://{shopDomain}/admin/api/{version}}; null for the derived host */
    public record Shopify(String shopDomain, String accessToken, String apiBaseUrl) {
        @Override
        public String toString() {
            return "Shopify[shopDomain=" + shopDomain + ", accessToken=" + SecretMask.mask(accessToken)
                    + ", apiBaseUrl=" + apiBaseUrl + "]";
        }
    }

    /** @param returnAddress where return labels send parcels; null when the merchant gave none */
    public record Returns(boolean useRedoReturnLabels, MixedDecision mixedDecision, ReturnAddress returnAddress) {
    }

    public record ReturnAddress(String name, String line1, String line2, String city, String province, String zip,
                                String country, String phone) {
    }

    /** Token-based authentication (OAuth 1.0a) credentials; {@code restBaseUrl} null for the derived host. */
    public record NetSuite(boolean enabled, String accountId, String consumerKey, String consumerSecret, String tokenId,
                           String tokenSecret, String restBaseUrl, String locationId) {

        public static NetSuite disabled() {
            return new NetSuite(false, null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "NetSuite[enabled=" + enabled + ", accountId=" + accountId
                    + ", consumerKey=" + SecretMask.mask(consumerKey) + ", consumerSecret=" + SecretMask.mask(consumerSecret)
                    + ", tokenId=" + SecretMask.mask(tokenId) + ", tokenSecret=" + SecretMask.mask(tokenSecret)
                    + ", restBaseUrl=" + restBaseUrl + ", locationId=" + locationId + "]";
        }
    }

    /** @param accessTokenExpiresAt null when unknown (a token given by an operator, not yet refreshed) */
    public record ShipHero(boolean enabled, String accessToken, String refreshToken, String warehouseId,
                           Instant accessTokenExpiresAt) {

        public static ShipHero disabled() {
            return new ShipHero(false, null, null, null, null);
        }

        @Override
        public String toString() {
            return "ShipHero[enabled=" + enabled + ", accessToken=" + SecretMask.mask(accessToken)
                    + ", refreshToken=" + SecretMask.mask(refreshToken) + ", warehouseId=" + warehouseId
                    + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
        }
    }
}
