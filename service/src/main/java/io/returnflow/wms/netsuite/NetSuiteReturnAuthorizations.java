package io.returnflow.wms.netsuite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.returnflow.merchants.TargetSection;
import io.returnflow.messaging.RetryLaterException;
import io.returnflow.wms.WmsReturn;
import io.returnflow.wms.WmsTarget;

import org.springframework.stereotype.Component;

/**
 * The NetSuite WMS target: a Return Authorization per return, with {@code externalId}
 * {@code tts-<TikTok return id>} (per source), a memo naming the marketplace return, and only the
 * returned lines and quantities. Looked up by external id before anything is created, so a retry,
 * a redelivery or a replay never makes a second one. Either transforms the sales order (linked to
 * it, the default; {@code netsuite.transform-lines} says how the returned lines are chosen) or posts
 * a new record ({@code netsuite.create-mode}).
 */
@Component("netsuiteReturnAuthorizations")
public class NetSuiteReturnAuthorizations implements WmsTarget<NetSuiteSettings> {

    static final String RECORD = "/returnAuthorization";

    private final NetSuiteClient client;
    private final NetSuiteSalesOrders salesOrders;
    private final NetSuiteProperties netsuite;

    public NetSuiteReturnAuthorizations(NetSuiteClient client, NetSuiteSalesOrders salesOrders, NetSuiteProperties netsuite) {
        this.client = client;
        this.salesOrders = salesOrders;
        this.netsuite = netsuite;
    }

    @Override
    public TargetSection<NetSuiteSettings> section() {
        return NetSuiteSettings.SECTION;
    }

    @Override
    public String createReturnAuthorization(WmsReturn ret, NetSuiteSettings settings, String waitingSince) {
        NetSuiteAccount account = NetSuiteAccount.of(ret.merchantId(), settings);
        Optional<String> existing = find(account, ret.externalId());
        if (existing.isPresent()) {
            return existing.get();
        }
        NetSuiteSalesOrders.SalesOrder order = salesOrders.find(account, ret, waitingSince);
        List<NetSuiteSalesOrders.ReturnedLine> lines = salesOrders.returnedLines(order, ret);
        String location = settings.locationId();
        String created = netsuite.createMode() == NetSuiteProperties.CreateMode.TRANSFORM
                ? transform(account, ret, order, lines, location)
                : client.post(account, RECORD, Map.of(), directBody(ret, order, lines, location));
        if (created == null) {
            // NetSuite said yes without saying where: the next try finds it by its external id.
            throw new RetryLaterException("NetSuite created " + ret.externalId() + " without a Location header");
        }
        return created.substring(created.lastIndexOf('/') + 1);
    }

    /** The internal id of the Return Authorization with this external id, if there is one. */
    public Optional<String> find(NetSuiteAccount account, String externalId) {
        return client.get(account, RECORD + "/eid:" + OAuth1Signer.percentEncode(externalId), Map.of())
                .map(record -> record.path("id").asText(null));
    }

    static String memo(WmsReturn ret) {
        return ret.description() + (ret.reason() == null ? "" : ": " + ret.reason());
    }

    private String transform(NetSuiteAccount account, WmsReturn ret, NetSuiteSalesOrders.SalesOrder order,
                             List<NetSuiteSalesOrders.ReturnedLine> lines, String location) {
        String path = "/salesOrder/" + order.id() + "/!transform/returnAuthorization";
        return netsuite.transformLines() == NetSuiteProperties.TransformLines.REPLACE_ITEMS
                ? client.post(account, path, Map.of("replace", "item"), header(ret, location, replacedLines(lines, location)))
                : client.post(account, path, Map.of(), header(ret, location, everyOrderLine(order, lines, location)));
    }

    /**
     * Every line of the sales order by {@code orderLine}: a transform copies them all, so a line not
     * named would come back whole; those not returned are named with quantity 0.
     */
    private static List<Map<String, Object>> everyOrderLine(NetSuiteSalesOrders.SalesOrder order,
                                                            List<NetSuiteSalesOrders.ReturnedLine> lines, String location) {
        Map<Integer, Integer> returned = new LinkedHashMap<>();
        lines.forEach(line -> returned.merge(line.line().line(), line.quantity(), Integer::sum));
        List<Map<String, Object>> items = new ArrayList<>();
        for (NetSuiteSalesOrders.Line line : order.lines()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("orderLine", line.line());
            int quantity = returned.getOrDefault(line.line(), 0);
            item.put("quantity", quantity);
            if (quantity > 0) {
                putLocation(item, location);
            }
            items.add(item);
        }
        return items;
    }

    /** Only the returned lines, each a whole new line (its item) standing for its order line. */
    private static List<Map<String, Object>> replacedLines(List<NetSuiteSalesOrders.ReturnedLine> lines, String location) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (NetSuiteSalesOrders.ReturnedLine returned : lines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("orderLine", returned.line().line());
            item.put("item", Map.of("id", returned.line().itemId()));
            item.put("quantity", returned.quantity());
            putLocation(item, location);
            items.add(item);
        }
        return items;
    }

    private static Map<String, Object> directBody(WmsReturn ret, NetSuiteSalesOrders.SalesOrder order,
                                                  List<NetSuiteSalesOrders.ReturnedLine> lines, String location) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (NetSuiteSalesOrders.ReturnedLine returned : lines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("item", Map.of("id", returned.line().itemId()));
            item.put("quantity", returned.quantity());
            BigDecimal rate = returned.line().rate();
            if (rate != null) {
                item.put("rate", rate);
            }
            putLocation(item, location);
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", Map.of("id", order.entityId()));
        body.putAll(header(ret, location, items));
        return body;
    }

    private static Map<String, Object> header(WmsReturn ret, String location, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", ret.externalId());
        body.put("memo", memo(ret));
        putLocation(body, location);
        body.put("item", Map.of("items", items));
        return body;
    }

    private static void putLocation(Map<String, Object> target, String location) {
        if (location != null && !location.isBlank()) {
            target.put("location", Map.of("id", location));
        }
    }
}
