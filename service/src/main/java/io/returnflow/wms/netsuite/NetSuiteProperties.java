package io.returnflow.wms.netsuite;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Return Authorizations are made in NetSuite. Per merchant (account, TBA credentials, REST host
 * override, location) see {@link NetSuiteSettings}; these settings hold for every merchant.
 *
 * @param createMode       TRANSFORM the sales order (NetSuite links the RA to it) or DIRECT POST a new RA
 * @param salesOrderMatch  where the Shopify order is looked for on sales orders, in order; the first hit wins
 * @param salesOrderWaitUpTo how long a return waits for its sales order to appear before it FAILS
 * @param lineMatch        how a returned item finds its sales order line
 * @param connectTimeout   HTTP connect timeout
 * @param readTimeout      HTTP read timeout
 * @param transformLines   how a transform names the returned lines
 */
@ConfigurationProperties("netsuite")
public record NetSuiteProperties(
        @DefaultValue("TRANSFORM") CreateMode createMode,
        List<SalesOrderMatch> salesOrderMatch,
        @DefaultValue("24h") Duration salesOrderWaitUpTo,
        @DefaultValue LineMatch lineMatch,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("ORDER_LINE_QUANTITIES") TransformLines transformLines) {

    /** How a transform's body says which lines of the sales order come back. */
    public enum TransformLines {
        /**
         * Oracle's documented pattern: the transform copies every line; the body names each line by
         * {@code orderLine} with its {@code quantity}, 0 for a line not returned.
         */
        ORDER_LINE_QUANTITIES,
        /**
         * {@code ?replace=item} with only the returned lines, each with its {@code item}: the earlier
         * shape, kept as a setting; Oracle documents {@code replace} for updates, not for transforms.
         */
        REPLACE_ITEMS
    }

    public enum CreateMode {
        /** {@code POST /salesOrder/{id}/!transform/returnAuthorization} with only the returned lines. */
        TRANSFORM,
        /** {@code POST /returnAuthorization} with entity, lines (item, quantity, rate, location). */
        DIRECT
    }

    /** Which form of the Shopify order a sales order field holds. */
    public enum ShopifyOrderValue {
        /** {@code 5100000001}, the numeric part of the order's GraphQL id */
        ORDER_ID,
        /** {@code gid://shopify/Order/5100000001} */
        ORDER_GID,
        /** {@code #1001} */
        ORDER_NAME,
        /** {@code 1001}: the name without its leading {@code #} */
        ORDER_NUMBER
    }

    /**
     * @param field a sales order body field (e.g. {@code otherRefNum}, {@code custbody_shopify_order_id}),
     *              or {@code externalId}, looked up directly as {@code eid:<value>}
     * @param value which form of the Shopify order the field holds
     */
    public record SalesOrderMatch(String field, ShopifyOrderValue value) {
    }

    /**
     * @param skuField           the sales order line field holding the SKU, a dotted path into the line
     *                           ({@code item.refName}: the item's name/number)
     * @param shopifyLineIdField a line field holding the Shopify line item id, tried before the SKU; empty: none
     */
    public record LineMatch(@DefaultValue("item.refName") String skuField, String shopifyLineIdField) {
    }

    public List<SalesOrderMatch> salesOrderMatch() {
        return salesOrderMatch == null || salesOrderMatch.isEmpty()
                ? List.of(new SalesOrderMatch("otherRefNum", ShopifyOrderValue.ORDER_NAME))
                : salesOrderMatch;
    }
}
