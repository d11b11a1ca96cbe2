package io.returnflow.sandbox;

import java.util.List;

/** An order as the sandbox Shopify holds it: the copy TikTok's Shopify channel would have made. */
public record SandboxShopifyOrder(
        String id,
        String name,
        String tiktokOrderId,
        List<Line> lines) {

    public record Line(String id, String sku, String title, int quantity, String variantId) {
    }
}
