package io.returnflow.shopify;

import java.util.List;
import java.util.Map;

/** The parts of a Shopify order a return needs. */
public record ShopifyOrder(
        String id,
        String name,
        String sourceIdentifier,
        String sourceName,
        List<String> tags,
        Map<String, String> customAttributes,
        Address shippingAddress,
        List<LineItem> lineItems) {

    public record LineItem(String id, String sku, int quantity, String variantId, String title) {
    }

    public record Address(String name, String address1, String address2, String city, String provinceCode,
                          String zip, String countryCode, String phone) {
    }
}
