package io.returnflow.wms.shopify;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A TikTok reason in words ("Wrong size", "Damaged item") as Shopify's ReturnReason enum, the
 * return line field of API 2025-10 (shopify.dev/docs/api/admin-graphql/2025-10/objects/ReturnLineItem).
 * TikTok publishes no fixed list of reasons, so the rules are a setting with defaults by keyword;
 * the buyer's own words always travel in the line's note as well.
 */
final class ShopifyReturnReasons {

    /** Shopify's ReturnReason values (2025-10). */
    static final Set<String> VALUES = Set.of("COLOR", "DEFECTIVE", "NOT_AS_DESCRIBED", "OTHER", "SIZE_TOO_LARGE",
            "SIZE_TOO_SMALL", "STYLE", "UNKNOWN", "UNWANTED", "WRONG_ITEM");

    static final List<ShopifyReturnsProperties.ReasonRule> DEFAULT_RULES = List.of(
            new ShopifyReturnsProperties.ReasonRule(List.of("too small", "too tight"), "SIZE_TOO_SMALL"),
            new ShopifyReturnsProperties.ReasonRule(List.of("too large", "too big", "too loose"), "SIZE_TOO_LARGE"),
            new ShopifyReturnsProperties.ReasonRule(List.of("damaged", "defective", "broken", "quality", "not working"), "DEFECTIVE"),
            new ShopifyReturnsProperties.ReasonRule(List.of("wrong item", "wrong product", "missing"), "WRONG_ITEM"),
            new ShopifyReturnsProperties.ReasonRule(List.of("not as described", "different from"), "NOT_AS_DESCRIBED"),
            new ShopifyReturnsProperties.ReasonRule(List.of("color", "colour"), "COLOR"),
            new ShopifyReturnsProperties.ReasonRule(List.of("changed my mind", "no longer", "don't want", "do not want"), "UNWANTED"));

    private final List<ShopifyReturnsProperties.ReasonRule> rules;
    private final String defaultReason;

    ShopifyReturnReasons(ShopifyReturnsProperties properties) {
        this.rules = properties.reasons();
        this.defaultReason = properties.defaultReason();
        for (ShopifyReturnsProperties.ReasonRule rule : rules) {
            requireValue(rule.reason());
        }
        requireValue(defaultReason);
    }

    String of(String tiktokReason) {
        if (tiktokReason != null) {
            String words = tiktokReason.toLowerCase(Locale.ROOT);
            for (ShopifyReturnsProperties.ReasonRule rule : rules) {
                if (rule.contains().stream().anyMatch(word -> words.contains(word.toLowerCase(Locale.ROOT)))) {
                    return rule.reason();
                }
            }
        }
        return defaultReason;
    }

    private static void requireValue(String reason) {
        if (!VALUES.contains(reason)) {
            throw new IllegalStateException("shopify.returns: " + reason + " is not a Shopify ReturnReason " + VALUES);
        }
    }
}
