package io.returnflow.wms.shopify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.returnflow.wms.WmsReturn;

/**
 * Which fulfilled Shopify units a return gives back: each returned item's units are taken from the
 * returnable fulfillment line items of its order line (the Shopify line item it was matched to; by
 * SKU when it has none), as many as each still allows. Shopify's returnCreate takes fulfillment line
 * items, not order lines, and refuses more units than are returnable.
 */
final class ShopifyReturnLines {

    /** A fulfillment line item and how many of its units may still be returned. */
    record Returnable(String fulfillmentLineItemId, String lineItemId, String sku, int quantity) {
    }

    /** A return line: units of one fulfillment line item. */
    record Line(String fulfillmentLineItemId, int quantity) {
    }

    /**
     * @param lines   what to return, one line per fulfillment line item
     * @param missing per SKU, units of the return that no returnable fulfillment line item covers
     */
    record Allotment(List<Line> lines, Map<String, Integer> missing) {
    }

    private ShopifyReturnLines() {
    }

    static Allotment allot(List<WmsReturn.Item> items, List<Returnable> returnable) {
        Map<String, Integer> left = new LinkedHashMap<>();
        returnable.forEach(r -> left.merge(r.fulfillmentLineItemId(), r.quantity(), Integer::sum));
        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (WmsReturn.Item item : items) {
            int wanted = item.quantity();
            for (Returnable candidate : returnable) {
                if (wanted == 0) {
                    break;
                }
                boolean same = item.shopifyLineItemId() != null ? item.shopifyLineItemId().equals(candidate.lineItemId())
                        : item.sku() != null && item.sku().equals(candidate.sku());
                int available = left.getOrDefault(candidate.fulfillmentLineItemId(), 0);
                if (same && available > 0) {
                    int taken = Math.min(available, wanted);
                    left.put(candidate.fulfillmentLineItemId(), available - taken);
                    lines.merge(candidate.fulfillmentLineItemId(), taken, Integer::sum);
                    wanted -= taken;
                }
            }
            if (wanted > 0) {
                missing.merge(item.sku(), wanted, Integer::sum);
            }
        }
        List<Line> allotted = new ArrayList<>();
        lines.forEach((id, quantity) -> allotted.add(new Line(id, quantity)));
        return new Allotment(allotted, missing);
    }
}
