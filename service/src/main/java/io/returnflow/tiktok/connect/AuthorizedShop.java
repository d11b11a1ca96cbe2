package io.returnflow.tiktok.connect;

/**
 * A shop TikTok lists for an authorization ({@code /authorization/202309/shops}).
 *
 * @param id     TikTok's shop id, the {@code shop_id} of its webhooks
 * @param cipher sent as {@code shop_cipher} on shop-scoped calls
 */
record AuthorizedShop(String id, String name, String region, String sellerType, String code, String cipher) {
}
