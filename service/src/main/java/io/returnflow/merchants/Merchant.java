package io.returnflow.merchants;

/**
 * A merchant as the flows see it, secrets in clear (they come decrypted from {@link MerchantStore}):
 * its Shopify store and its returns policy. Each WMS/3PL target keeps its own settings for the
 * merchant ({@link TargetSettingsStore}). The records holding secrets print them masked, so logging
 * a merchant leaks nothing.
 */
public record Merchant(String id, String name, Shopify shopify, Returns returns) {

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
}
