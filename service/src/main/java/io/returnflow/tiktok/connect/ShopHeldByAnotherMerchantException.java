package io.returnflow.tiktok.connect;

import java.util.List;

/**
 * A connect whose grant covers a shop another merchant holds: refused, the shop stays where it is.
 * The message names the shops, not the merchant holding them (the seller sees it on the callback page).
 */
class ShopHeldByAnotherMerchantException extends RuntimeException {

    private final String merchantId;
    private final List<String> shopIds;

    ShopHeldByAnotherMerchantException(String merchantId, List<String> shopIds) {
        super("TikTok shop " + String.join(", ", shopIds) + " is connected to another merchant of this service, "
                + "so it was not connected here and stays where it is. If it should move, the operator of this "
                + "service releases it first; then connect again.");
        this.merchantId = merchantId;
        this.shopIds = List.copyOf(shopIds);
    }

    /** The merchant whose connect was refused. */
    String merchantId() {
        return merchantId;
    }

    List<String> shopIds() {
        return shopIds;
    }
}
