package io.returnflow.tiktok.connect;

/**
 * Whether the service may act for a shop. Later steps add the states they need (a deauthorized shop,
 * webhook type 6; an authorization that could not be refreshed).
 */
public enum ShopStatus {
    CONNECTED
}
