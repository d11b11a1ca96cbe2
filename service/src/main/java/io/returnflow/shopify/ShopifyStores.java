package io.returnflow.shopify;

import io.returnflow.merchants.Merchant;
import io.returnflow.merchants.MerchantStore;
import io.returnflow.messaging.PermanentFailureException;

import org.springframework.stereotype.Component;

/** A merchant's Shopify store: its Admin API host is derived from the shop domain unless overridden. */
@Component
public class ShopifyStores {

    private final MerchantStore merchants;
    private final ShopifyProperties shopify;

    public ShopifyStores(MerchantStore merchants, ShopifyProperties shopify) {
        this.merchants = merchants;
        this.shopify = shopify;
    }

    public ShopifyStore forMerchant(String merchantId) {
        Merchant merchant = merchants.find(merchantId)
                .orElseThrow(() -> new PermanentFailureException("no merchant " + merchantId));
        Merchant.Shopify store = merchant.shopify();
        if (store == null || store.shopDomain() == null || store.accessToken() == null) {
            throw new PermanentFailureException("merchant " + merchantId + " has no Shopify store configured");
        }
        String base = store.apiBaseUrl() != null && !store.apiBaseUrl().isBlank()
                ? store.apiBaseUrl().replaceAll("/+$", "")
                : "https://" + store.shopDomain() + "/admin/api/" + shopify.apiVersion();
        return new ShopifyStore(store.shopDomain(), store.accessToken(), base);
    }
}
