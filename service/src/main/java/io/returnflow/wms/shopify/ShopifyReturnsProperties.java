package io.returnflow.wms.shopify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How TikTok returns are recorded as Shopify returns, for every merchant using it (per merchant see
 * {@link ShopifyReturnsSettings}).
 *
 * @param reasons              which Shopify ReturnReason a TikTok reason becomes: the first rule one
 *                             of whose words the reason contains (case-insensitive); none configured:
 *                             {@link ShopifyReturnReasons#DEFAULT_RULES}. TikTok's own words always
 *                             go in the return line's note.
 * @param defaultReason        when no rule matches (Shopify's {@code OTHER} asks for a note: it has one)
 * @param fulfillmentWaitUpTo  how long a return waits for its items to be fulfilled in Shopify
 *                             (returnCreate takes fulfilled items only) before it FAILS
 */
@ConfigurationProperties("shopify.returns")
public record ShopifyReturnsProperties(
        List<ReasonRule> reasons,
        @DefaultValue("OTHER") String defaultReason,
        @DefaultValue("24h") Duration fulfillmentWaitUpTo) {

    /** @param reason a Shopify ReturnReason value (API 2025-10), e.g. {@code DEFECTIVE} */
    public record ReasonRule(List<String> contains, String reason) {
    }

    public List<ReasonRule> reasons() {
        return reasons == null || reasons.isEmpty() ? ShopifyReturnReasons.DEFAULT_RULES : reasons;
    }
}
