package io.returnflow.shopify;

import io.returnflow.messaging.RetryLaterException;

/** TikTok's Shopify channel has not created the order yet; it usually does within minutes. */
public class OrderNotSyncedYetException extends RetryLaterException {

    public OrderNotSyncedYetException(String tiktokOrderId, String shopDomain) {
        super("no Shopify order in " + shopDomain + " carries TikTok order " + tiktokOrderId + " yet");
    }
}
