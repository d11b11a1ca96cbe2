package io.returnflow.shopify;

/** Where a Shopify order may carry the TikTok order id. */
public enum OrderMatchStrategy {
    SOURCE_IDENTIFIER,
    CUSTOM_ATTRIBUTE,
    TAG,
    NAME
}
