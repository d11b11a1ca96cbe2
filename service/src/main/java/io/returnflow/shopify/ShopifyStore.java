package io.returnflow.shopify;

import io.returnflow.secrets.MaskedRecord;

/**
 * A merchant's Shopify store as the flows need it; printed with the access token masked.
 *
 * @param apiBaseUrl {@code https://{shopDomain}/admin/api/{version}} unless the merchant overrides it
 */
public record ShopifyStore(String shopDomain, String accessToken, String apiBaseUrl) {

    @Override
    public String toString() {
        return MaskedRecord.toString(this);
    }
}
