package io.returnflow.tiktok.connect;

/** Whether the service may act for a shop. */
public enum ShopStatus {
    CONNECTED,
    /**
     * The service may not act for the shop any more: the seller deauthorized the app (webhook type
     * 6) or its authorization could not be renewed. Connecting again restores it.
     */
    DISCONNECTED
}
