package io.returnflow.returns;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.returnflow.shopify.ShopifyOrder;

import org.springframework.stereotype.Component;

/**
 * Turns returned units into return items, one per SKU with the units counted, and matches each to
 * the Shopify order's line by SKU (the marketplace's seller SKU equals the Shopify variant SKU). An
 * SKU the order does not have, or has fewer units of, is flagged on its item only.
 */
@Component
public class ItemMatcher {

    /** One returned unit as the marketplace lists it. */
    public record ReturnedUnit(String sourceLineId, String sku, String productName, BigDecimal refundAmount,
                               String currency) {
    }

    /** @param order the Shopify order, or null when it could not be found */
    public List<NewReturn.Item> match(List<ReturnedUnit> units, ShopifyOrder order) {
        Map<String, List<ReturnedUnit>> bySku = new LinkedHashMap<>();
        for (ReturnedUnit unit : units) {
            bySku.computeIfAbsent(unit.sku(), sku -> new ArrayList<>()).add(unit);
        }
        List<NewReturn.Item> items = new ArrayList<>();
        bySku.forEach((sku, skuUnits) -> items.add(item(sku, skuUnits, order)));
        return List.copyOf(items);
    }

    private static NewReturn.Item item(String sku, List<ReturnedUnit> units, ShopifyOrder order) {
        BigDecimal refund = units.stream().map(ReturnedUnit::refundAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<String> lineIds = units.stream().map(ReturnedUnit::sourceLineId).toList();
        ShopifyOrder.LineItem line = null;
        int ordered = 0;
        if (order != null && !sku.isBlank()) {
            for (ShopifyOrder.LineItem candidate : order.lineItems()) {
                if (sku.equals(candidate.sku())) {
                    ordered += candidate.quantity();
                    if (line == null) {
                        line = candidate;
                    }
                }
            }
        }
        boolean matched = line != null && ordered >= units.size();
        return new NewReturn.Item(sku, units.get(0).productName(), units.size(), lineIds,
                line == null ? null : line.id(), line == null ? null : line.variantId(), matched,
                refund, units.get(0).currency());
    }
}
