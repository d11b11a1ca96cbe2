package io.returnflow.shopify;

/**
 * A merchant's Shopify store as the flows need it.
 *
 * @param apiBaseUrl {@code https://{shopDomain}/admin/api/{version}} unless the merchant overrides it
 */
public record ShopifyStore(String shopDomain, String accessToken, String apiBaseUrl) {
}
