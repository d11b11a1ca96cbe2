package io.returnflow.wms.netsuite;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.wms.WmsReturn;

import org.springframework.stereotype.Component;

/**
 * Finds the NetSuite sales order of a return's Shopify order, the configured ways in order
 * ({@code netsuite.sales-order-match}), and matches the returned items to its lines.
 */
@Component
public class NetSuiteSalesOrders {

    /** A sales order with what a Return Authorization needs from it. */
    public record SalesOrder(String id, String entityId, List<Line> lines) {
    }

    /** One sales order line: its line number, item, quantity and rate; {@code source} is the whole line. */
    public record Line(int line, String itemId, int quantity, BigDecimal rate, JsonNode source) {
    }

    /** Units of one sales order line that are returned. */
    public record ReturnedLine(Line line, int quantity) {
    }

    private final NetSuiteClient client;
    private final NetSuiteProperties netsuite;
    private final Clock clock;

    public NetSuiteSalesOrders(NetSuiteClient client, NetSuiteProperties netsuite, Clock clock) {
        this.client = client;
        this.netsuite = netsuite;
        this.clock = clock;
    }

    /**
     * @param waitingSince when the return first waited for its sales order (ISO-8601), or null
     * @throws SalesOrderNotFoundYetException while it is still worth waiting
     */
    public SalesOrder find(NetSuiteAccount account, WmsReturn ret, String waitingSince) {
        if (ret.shopifyOrderId() == null) {
            throw new PermanentFailureException("return " + ret.returnId() + " has no Shopify order, so NetSuite has no"
                    + " sales order to return against");
        }
        List<String> tried = new ArrayList<>();
        for (NetSuiteProperties.SalesOrderMatch match : netsuite.salesOrderMatch()) {
            String value = valueOf(match.value(), ret);
            tried.add(match.field() + " = " + value);
            Optional<String> id = "externalId".equals(match.field())
                    ? client.get(account, "/salesOrder/eid:" + OAuth1Signer.percentEncode(value), Map.of())
                        .map(so -> so.path("id").asText(null))
                    : firstId(client.get(account, "/salesOrder", Map.of("q", match.field() + " IS \"" + value + "\"")));
            if (id.isPresent()) {
                return read(account, id.get());
            }
        }
        String what = "no NetSuite sales order has " + String.join(" or ", tried) + " (Shopify order "
                + ret.shopifyOrderName() + ")";
        Instant since = waitingSince == null ? clock.instant() : Instant.parse(waitingSince);
        if (Duration.between(since, clock.instant()).compareTo(netsuite.salesOrderWaitUpTo()) < 0) {
            throw new SalesOrderNotFoundYetException(what + " yet");
        }
        throw new PermanentFailureException(what + ", after waiting " + netsuite.salesOrderWaitUpTo());
    }

    /**
     * The sales order lines the returned items come from, units allotted line by line: by the
     * Shopify line item id when a line field holds it, else by SKU.
     */
    public List<ReturnedLine> returnedLines(SalesOrder order, WmsReturn ret) {
        List<ReturnedLine> returned = new ArrayList<>();
        int[] left = order.lines().stream().mapToInt(Line::quantity).toArray();
        for (WmsReturn.Item item : ret.items()) {
            int wanted = item.quantity();
            for (int i = 0; i < order.lines().size() && wanted > 0; i++) {
                Line line = order.lines().get(i);
                if (left[i] > 0 && matches(line, item)) {
                    int units = Math.min(wanted, left[i]);
                    left[i] -= units;
                    wanted -= units;
                    returned.add(new ReturnedLine(line, units));
                }
            }
            if (wanted > 0) {
                throw new PermanentFailureException("NetSuite sales order " + order.id() + " lacks " + wanted
                        + " unit(s) of SKU " + item.sku() + " that return " + ret.returnId() + " returns");
            }
        }
        return returned;
    }

    private boolean matches(Line line, WmsReturn.Item item) {
        String lineIdField = netsuite.lineMatch().shopifyLineIdField();
        if (lineIdField != null && !lineIdField.isBlank() && item.shopifyLineItemId() != null) {
            String value = text(line.source(), lineIdField);
            if (value != null) {
                String numeric = item.shopifyLineItemId().substring(item.shopifyLineItemId().lastIndexOf('/') + 1);
                return value.equals(item.shopifyLineItemId()) || value.equals(numeric);
            }
        }
        return item.sku() != null && item.sku().equals(text(line.source(), netsuite.lineMatch().skuField()));
    }

    private SalesOrder read(NetSuiteAccount account, String id) {
        JsonNode so = client.get(account, "/salesOrder/" + id, Map.of("expandSubResources", "true"))
                .orElseThrow(() -> new SalesOrderNotFoundYetException("NetSuite sales order " + id + " vanished while read"));
        List<Line> lines = new ArrayList<>();
        for (JsonNode line : so.path("item").path("items")) {
            lines.add(new Line(line.path("line").asInt(), line.path("item").path("id").asText(null),
                    line.path("quantity").asInt(), line.hasNonNull("rate") ? line.path("rate").decimalValue() : null, line));
        }
        return new SalesOrder(so.path("id").asText(id), so.path("entity").path("id").asText(null), List.copyOf(lines));
    }

    private static Optional<String> firstId(Optional<JsonNode> page) {
        return page.map(p -> p.path("items")).filter(items -> items.size() > 0)
                .map(items -> items.get(0).path("id").asText(null));
    }

    /** A dotted path into a JSON object ({@code item.refName}); null when absent. */
    static String text(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.split("\\.")) {
            at = at.path(part);
        }
        return at.isMissingNode() || at.isNull() ? null : at.asText();
    }

    static String valueOf(NetSuiteProperties.ShopifyOrderValue value, WmsReturn ret) {
        return switch (value) {
            case ORDER_ID -> ret.shopifyOrderNumber();
            case ORDER_GID -> ret.shopifyOrderId();
            case ORDER_NAME -> ret.shopifyOrderName();
            case ORDER_NUMBER -> ret.shopifyOrderName() == null ? null : ret.shopifyOrderName().replaceFirst("^#", "");
        };
    }
}
