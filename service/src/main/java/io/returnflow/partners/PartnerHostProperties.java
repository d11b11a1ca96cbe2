package io.returnflow.partners;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where merchant-supplied partner URLs may point. Closed by default: https only, public addresses
 * only, Shopify stores under {@code myshopify.com}. The local and test profiles open what their
 * simulated partners (plain http on localhost) need.
 *
 * @param allowPrivateHosts loopback, private (RFC 1918, unique local), link-local and wildcard addresses
 * @param allowPlainHttp    http as well as https
 * @param shopifyDomains    the domains a Shopify shop domain must be under
 */
@ConfigurationProperties("app.partners")
public record PartnerHostProperties(
        @DefaultValue("false") boolean allowPrivateHosts,
        @DefaultValue("false") boolean allowPlainHttp,
        @DefaultValue("myshopify.com") List<String> shopifyDomains) {
}
