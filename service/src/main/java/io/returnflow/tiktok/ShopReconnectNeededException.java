package io.returnflow.tiktok;

import io.returnflow.messaging.ParkException;

/**
 * Work for a shop whose TikTok authorization ended (refresh token expired or revoked): only the
 * seller can fix it, by connecting the shop again. Parked until then, and resumed by the connect.
 */
public class ShopReconnectNeededException extends ParkException {

    public ShopReconnectNeededException(String shopId, String reason) {
        super(parkingKey(shopId), "TikTok shop " + shopId + " must be reconnected: " + reason);
    }

    /** What the work of the shop waits for. */
    public static String parkingKey(String shopId) {
        return "tiktok-shop:" + shopId;
    }
}
