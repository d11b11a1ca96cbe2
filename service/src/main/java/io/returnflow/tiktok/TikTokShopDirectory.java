package io.returnflow.tiktok;

import io.returnflow.tiktok.connect.ConnectedShop;
import io.returnflow.tiktok.connect.ConnectedShops;
import io.returnflow.tiktok.connect.ShopStatus;

import org.springframework.stereotype.Component;

/**
 * Resolves the shop of a TikTok event to the merchant's connected shop. An event of a shop no
 * merchant has connected (or that was disconnected) is parked as a dead letter: an operator sees
 * it and replays it once the shop is connected.
 */
@Component("tiktokShopDirectory")
public class TikTokShopDirectory {

    private final ConnectedShops shops;

    public TikTokShopDirectory(ConnectedShops shops) {
        this.shops = shops;
    }

    public ConnectedShop connectedShop(String shopId) {
        ConnectedShop shop = shops.findByShopId(shopId)
                .orElseThrow(() -> new UnknownShopException("no merchant has connected TikTok shop " + shopId));
        if (shop.status() == ShopStatus.RECONNECT_NEEDED) {
            throw new ShopReconnectNeededException(shopId, shops.statusReason(shopId).orElse("TikTok ended its authorization"));
        }
        if (shop.status() != ShopStatus.CONNECTED) {
            throw new UnknownShopException("TikTok shop " + shopId + " of merchant " + shop.merchantId() + " is " + shop.status());
        }
        return shop;
    }

    /**
     * The shop, while the merchant still holds it: a shop an operator released (and another merchant
     * may hold now) is not acted on for the merchant that recorded the return.
     */
    public ConnectedShop connectedShop(String shopId, String merchantId) {
        ConnectedShop shop = connectedShop(shopId);
        if (!shop.merchantId().equals(merchantId)) {
            throw new UnknownShopException("TikTok shop " + shopId + " is no longer connected to merchant " + merchantId
                    + " (released by an operator)");
        }
        return shop;
    }
}
