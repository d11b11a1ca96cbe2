package io.returnflow.wms.shopify;

import java.util.regex.Pattern;

import io.returnflow.merchants.SettingsCheck;
import io.returnflow.merchants.TargetSection;
import io.returnflow.merchants.TargetSettings;

/**
 * Whether a merchant has TikTok returns recorded as returns of its own Shopify store (the store and
 * token of the merchant's {@code shopify} section; the token needs Shopify's returns scopes), and
 * where returned items are restocked once TikTok completes the return. Off by default. The merchant
 * document's {@code shopifyReturns} section.
 *
 * @param restockLocationId a Shopify location ({@code gid://shopify/Location/1}) where returned items
 *                          are restocked when the return completes; null: processed without restocking
 */
public record ShopifyReturnsSettings(boolean enabled, String restockLocationId) implements TargetSettings {

    private static final Pattern LOCATION = Pattern.compile("gid://shopify/Location/[0-9]+");

    public static final TargetSection<ShopifyReturnsSettings> SECTION = new TargetSection<>("SHOPIFY", "shopifyReturns",
            "Shopify returns", ShopifyReturnsSettings.class, new ShopifyReturnsSettings(false, null),
            ShopifyReturnsSettings::checked);

    static ShopifyReturnsSettings checked(ShopifyReturnsSettings s, ShopifyReturnsSettings stored, SettingsCheck check) {
        return new ShopifyReturnsSettings(s.enabled(), check.matching("restockLocationId", s.restockLocationId(), false, 100,
                LOCATION, "a Shopify location id such as gid://shopify/Location/1"));
    }
}
