package io.returnflow.tiktok.connect;

/** Whether the service may act for a shop. */
public enum ShopStatus {
    CONNECTED,
    /**
     * The service may not act for the shop any more: the seller deauthorized the app (webhook type
     * 6) or its authorization could not be renewed. Connecting again restores it.
     */
    DISCONNECTED,
    /**
     * TikTok ended the authorization (its refresh token expired or was revoked: 36004001, 36004005):
     * the seller has to connect the shop again. The shop's work waits, parked, and goes on once it is.
     */
    RECONNECT_NEEDED
}
