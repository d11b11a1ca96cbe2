package io.returnflow.wms.shiphero;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ShipHero's public GraphQL API, the same host for every merchant; per merchant (tokens,
 * warehouse) see {@link ShipHeroSettings}.
 *
 * @param apiBaseUrl          GraphQL at {@code /graphql}, token refresh at {@code /auth/refresh}
 * @param refreshBeforeExpiry refresh an access token this long before it expires (tokens last 28 days)
 * @param orderMatch          how ShipHero's order for a Shopify order is looked for, in order
 * @param orderWaitUpTo       how long a return waits for its order to appear in ShipHero before it FAILS
 * @param maxThrottleWait     a credit throttle asking to wait up to this long is waited out in place;
 *                            longer waits go back to the broker with the indicated delay
 * @param returns             the label and package fields every return is created with
 */
@ConfigurationProperties("shiphero")
public record ShipHeroProperties(
        @DefaultValue("https://public-api.shiphero.com") String apiBaseUrl,
        @DefaultValue("1d") Duration refreshBeforeExpiry,
        @DefaultValue({"PARTNER_ORDER_ID", "ORDER_NUMBER"}) List<OrderMatch> orderMatch,
        @DefaultValue("24h") Duration orderWaitUpTo,
        @DefaultValue("5s") Duration maxThrottleWait,
        @DefaultValue Returns returns,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    public enum OrderMatch {
        /** {@code orders(partner_order_id:)} with the numeric Shopify order id (what Shopify-fed stores carry) */
        PARTNER_ORDER_ID,
        /** {@code orders(order_number:)} with the Shopify order name ({@code #1001}) */
        ORDER_NUMBER
    }

    /**
     * CreateReturnInput's required label and package fields (ShipHero makes no label unless
     * {@code createLabel}); {@code defaultReason} when the marketplace gave no reason.
     */
    public record Returns(
            @DefaultValue("FREE") String labelType,
            @DefaultValue("0.00") String labelCost,
            @DefaultValue("Generic") String shippingCarrier,
            @DefaultValue("Generic Label") String shippingMethod,
            @DefaultValue("false") boolean createLabel,
            @DefaultValue("false") boolean emailCustomerReturnLabel,
            @DefaultValue("Good") String condition,
            @DefaultValue("Customer return") String defaultReason,
            @DefaultValue Dimensions dimensions) {
    }

    /** In the account's units (ShipHero's defaults: ounces and inches). */
    public record Dimensions(
            @DefaultValue("16") String weight,
            @DefaultValue("4") String height,
            @DefaultValue("10") String width,
            @DefaultValue("12") String length) {
    }
}
