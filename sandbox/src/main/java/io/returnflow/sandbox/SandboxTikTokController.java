package io.returnflow.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sandbox TikTok Shop: a newcomer's way to make a buyer ask for a return and watch the
 * service receive the signed webhook, without a TikTok account.
 */
@RestController
@RequestMapping("/sandbox/tiktok")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokController {

    private static final Set<String> RETURN_TYPES = Set.of("REFUND", "RETURN_AND_REFUND", "REPLACEMENT");
    /** SHIPPING_LABEL, QR_CODE, and the market variants TikTok sends on live returns (e.g. QR_CODE_NBNL) */
    private static final Pattern DOCUMENT_TYPES = Pattern.compile("SHIPPING_LABEL|QR_CODE(_[A-Z]+)?");
    private static final List<String> SKUS = List.of("SBX-TEE-BLK-M", "SBX-TEE-WHT-L");
    private static final Map<String, String> TITLES = Map.of(
            "SBX-TEE-BLK-M", "Sandbox tee, black, M", "SBX-TEE-WHT-L", "Sandbox tee, white, L");

    private final SandboxData data;
    private final SandboxWebhooks webhooks;
    private final SandboxProperties sandbox;
    private final Clock clock;
    private final SandboxDeadlines deadlines;

    SandboxTikTokController(SandboxData data, SandboxWebhooks webhooks, SandboxProperties sandbox, Clock clock,
                            SandboxDeadlines deadlines) {
        this.data = data;
        this.webhooks = webhooks;
        this.sandbox = sandbox;
        this.clock = clock;
        this.deadlines = deadlines;
    }

    /**
     * @param shopId         the sandbox shop the return belongs to (null: sandbox.shop-id)
     * @param deliverWebhook false to create the return without telling the service (yet)
     * @param documentType   the return's return_shipping_document_type: SHIPPING_LABEL (default), QR_CODE or QR_CODE_<market>
     * @param documentsPdfOnly TikTok takes the return's shipping document as a PDF only (25021023 for anything else)
     * @param shipmentType   BUYER_ARRANGE (default: the buyer ships, the seller may provide the label) or PLATFORM
     *                       (TikTok's own carrier and label: no seller label is taken)
     * @param otherOrderLines lines of the Shopify order that are not returned, before the returned ones (0 by default)
     * @param deadlineIn     the seller's deadline from now (ISO-8601, e.g. PT10M; negative: already passed);
     *                       null: sandbox.tiktok.response-window
     */
    record SimulatedReturn(String returnType, Integer items, String shopId, Boolean deliverWebhook, String documentType,
                           Integer otherOrderLines, Boolean documentsPdfOnly, String deadlineIn, String shipmentType) {
    }

    record SimulatedReturnCreated(String returnId, String orderId, String shopId, String returnType,
                                  String notificationId, int webhookStatus) {
    }

    /** A buyer asks for a return: the sandbox creates it and delivers the type-12 webhook. */
    @PostMapping("/returns")
    @ResponseStatus(HttpStatus.CREATED)
    SimulatedReturnCreated simulateReturn(@RequestBody(required = false) SimulatedReturn request) {
        String type = request == null || request.returnType() == null ? "RETURN_AND_REFUND" : request.returnType();
        if (!RETURN_TYPES.contains(type)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "returnType must be one of " + RETURN_TYPES);
        }
        int items = request == null || request.items() == null ? 1 : request.items();
        if (items < 1 || items > 20) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "items must be between 1 and 20");
        }
        if (request != null && request.documentType() != null && !DOCUMENT_TYPES.matcher(request.documentType()).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "documentType must be SHIPPING_LABEL, QR_CODE or QR_CODE_<market>");
        }
        Duration deadlineIn = request == null || request.deadlineIn() == null ? null : duration(request.deadlineIn());
        long now = clock.instant().getEpochSecond();
        String orderId = SandboxWebhooks.SandboxIds.next();
        List<SandboxReturn.LineItem> lines = new ArrayList<>();
        Map<String, Integer> unitsBySku = new LinkedHashMap<>();
        for (int i = 0; i < items; i++) {
            // Two SKUs alternate, so a return of 3 or more units has several units of one SKU.
            String sku = SKUS.get(i % SKUS.size());
            lines.add(new SandboxReturn.LineItem(SandboxWebhooks.SandboxIds.next(), SandboxWebhooks.SandboxIds.next(),
                    sku, TITLES.get(sku), "12.50", "USD"));
            unitsBySku.merge(sku, 1, Integer::sum);
        }
        String status = "REPLACEMENT".equals(type) ? "REPLACEMENT_REQUEST_PENDING" : "RETURN_OR_REFUND_REQUEST_PENDING";
        String shopId = request == null || request.shopId() == null ? sandbox.shopId() : request.shopId();
        SandboxReturn ret = new SandboxReturn(SandboxWebhooks.SandboxIds.next(), orderId, shopId, type,
                status, now, now, List.copyOf(lines));
        data.put(ret);
        if (deadlineIn != null) {
            deadlines.fix(ret, now + deadlineIn.toSeconds());
        }
        if (request != null && request.documentType() != null) {
            data.shippingDocumentType(ret.returnId(), request.documentType());
        }
        if (request != null && "PLATFORM".equals(request.shipmentType())) {
            data.platformShipped(ret.returnId());
        } else if (request != null && request.shipmentType() != null && !"BUYER_ARRANGE".equals(request.shipmentType())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "shipmentType must be BUYER_ARRANGE or PLATFORM");
        }
        if (request != null && Boolean.TRUE.equals(request.documentsPdfOnly())) {
            data.pdfOnlyDocuments(ret.returnId());
        }
        int otherLines = request == null || request.otherOrderLines() == null ? 0 : request.otherOrderLines();
        if (otherLines < 0 || otherLines > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "otherOrderLines must be between 0 and 500");
        }
        data.put(shopifyCopyOf(orderId, unitsBySku, otherLines));
        if (request != null && Boolean.FALSE.equals(request.deliverWebhook())) {
            return new SimulatedReturnCreated(ret.returnId(), ret.orderId(), ret.shopId(), type, null, 0);
        }
        SandboxWebhooks.Delivery delivery = webhooks.returnStatusChanged(ret);
        return new SimulatedReturnCreated(ret.returnId(), ret.orderId(), ret.shopId(), type,
                delivery.notificationId(), delivery.status());
    }

    /** @param envelope FULL (default) or SAMPLE: the envelope as TikTok's samples show it (no notification id) */
    record WebhookRequest(SandboxWebhooks.Envelope envelope) {
    }

    /** TikTok tells the service (again) that the return changed: a new notification, its current status. */
    @PostMapping("/returns/{returnId}/webhook")
    SimulatedReturnCreated deliverWebhook(@PathVariable String returnId, @RequestBody(required = false) WebhookRequest request) {
        SandboxReturn ret = data.findReturn(returnId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no sandbox return " + returnId));
        SandboxWebhooks.Envelope shape = request == null || request.envelope() == null ? SandboxWebhooks.Envelope.FULL
                : request.envelope();
        SandboxWebhooks.Delivery delivery = webhooks.returnStatusChanged(ret, "BUYER", shape);
        return new SimulatedReturnCreated(ret.returnId(), ret.orderId(), ret.shopId(), ret.returnType(),
                delivery.notificationId(), delivery.status());
    }

    static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an ISO-8601 duration (e.g. PT10M, -PT1H): " + text);
        }
    }

    /**
     * The order as TikTok's Shopify channel would have copied it: {@code otherLines} lines not
     * returned first (a large order), then the returned units, and one more.
     */
    private SandboxShopifyOrder shopifyCopyOf(String tiktokOrderId, Map<String, Integer> unitsBySku, int otherLines) {
        List<SandboxShopifyOrder.Line> lines = new ArrayList<>();
        for (int i = 1; i <= otherLines; i++) {
            lines.add(new SandboxShopifyOrder.Line(data.nextShopifyId("LineItem"), "SBX-SOCK-" + i, "Sandbox sock " + i, 1,
                    data.nextShopifyId("ProductVariant")));
        }
        unitsBySku.forEach((sku, units) -> lines.add(new SandboxShopifyOrder.Line(data.nextShopifyId("LineItem"), sku,
                TITLES.get(sku), units, data.nextShopifyId("ProductVariant"))));
        lines.add(new SandboxShopifyOrder.Line(data.nextShopifyId("LineItem"), "SBX-CAP-ONE", "Sandbox cap", 1,
                data.nextShopifyId("ProductVariant")));
        return new SandboxShopifyOrder(data.nextShopifyId("Order"), data.nextOrderName(), tiktokOrderId, List.copyOf(lines));
    }
}
