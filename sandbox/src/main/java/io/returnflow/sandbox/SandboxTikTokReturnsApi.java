package io.returnflow.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox TikTok Partner API for returns, answering in TikTok's shapes. */
@RestController
@RequestMapping(SandboxSignatureCheck.API_PREFIX + "/return_refund/202309")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokReturnsApi {

    /** The sandbox's code for a refused parameter (TikTok's own code for it is not published in the docs read). */
    static final long INVALID_PARAMETER = 36009004L;
    private static final int MIN_PAGE = 10;
    private static final int MAX_PAGE = 50;

    private final SandboxData data;
    private final SandboxSignatureCheck signatures;
    private final ObjectMapper json;
    private final SandboxDeadlines deadlines;

    SandboxTikTokReturnsApi(SandboxData data, SandboxSignatureCheck signatures, ObjectMapper json,
                            SandboxDeadlines deadlines) {
        this.data = data;
        this.signatures = signatures;
        this.json = json;
        this.deadlines = deadlines;
    }

    @PostMapping("/returns/search")
    Map<String, Object> search(HttpServletRequest request, @RequestBody(required = false) byte[] body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body;
        Map<String, Object> problem = signatures.problem(request, bytes, false);
        if (problem != null) {
            return problem;
        }
        JsonNode criteria = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        if (!criteria.path("return_ids").isEmpty()) {
            List<Map<String, Object>> found = new ArrayList<>();
            for (JsonNode id : criteria.path("return_ids")) {
                data.findReturn(id.asText()).ifPresent(ret -> found.add(order(ret)));
            }
            return page(found, "", found.size());
        }
        return searchByTime(request, criteria);
    }

    /**
     * A search by update (and create) time, as TikTok documents it: {@code update_time_ge} /
     * {@code update_time_lt} (and {@code create_time_*}) in the body, Unix seconds; the shop's
     * returns only (its shop_cipher), oldest update first; {@code page_size} 10 to 50 and
     * {@code page_token} (the previous page's {@code next_page_token}) in the query.
     */
    private Map<String, Object> searchByTime(HttpServletRequest request, JsonNode criteria) {
        int pageSize;
        try {
            pageSize = Integer.parseInt(String.valueOf(request.getParameter("page_size")));
        } catch (NumberFormatException e) {
            pageSize = -1;
        }
        if (pageSize < MIN_PAGE || pageSize > MAX_PAGE) {
            return SandboxEnvelope.error(INVALID_PARAMETER, "page_size must be between " + MIN_PAGE + " and " + MAX_PAGE);
        }
        int offset = 0;
        String token = request.getParameter("page_token");
        if (token != null && !token.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return SandboxEnvelope.error(INVALID_PARAMETER, "invalid page_token");
            }
        }
        String cipher = request.getParameter("shop_cipher");
        List<SandboxReturn> matching = data.returns().stream()
                .filter(ret -> SandboxAuthorizedShopsApi.cipherOf(ret.shopId()).equals(cipher))
                .filter(ret -> within(ret.updateTime(), criteria, "update_time") && within(ret.createTime(), criteria, "create_time"))
                .sorted(Comparator.comparingLong(SandboxReturn::updateTime).thenComparing(SandboxReturn::returnId))
                .toList();
        List<Map<String, Object>> found = matching.stream().skip(offset).limit(pageSize).map(this::order).toList();
        int next = offset + found.size();
        return page(found, next < matching.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(next).getBytes(StandardCharsets.UTF_8))
                : "", matching.size());
    }

    private static boolean within(long time, JsonNode criteria, String field) {
        JsonNode from = criteria.path(field + "_ge");
        JsonNode before = criteria.path(field + "_lt");
        return (from.isMissingNode() || time >= from.asLong()) && (before.isMissingNode() || time < before.asLong());
    }

    private Map<String, Object> order(SandboxReturn ret) {
        return returnOrder(ret, data.shippingDocumentType(ret.returnId()), data.isPlatformShipped(ret.returnId()),
                data.arbitrationStatus(ret.returnId()), deadlines.deadlineOf(ret));
    }

    private static Map<String, Object> page(List<Map<String, Object>> found, String nextPageToken, int total) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("return_orders", found);
        page.put("next_page_token", nextPageToken);
        page.put("total_count", total);
        return SandboxEnvelope.ok(page);
    }

    /**
     * @param platformShipped TikTok ships it (shipment_type PLATFORM, return_method PLATFORM_SHIPPED): once
     *                        approved it carries TikTok's own tracking number and carrier
     */
    private static Map<String, Object> returnOrder(SandboxReturn ret, String shippingDocumentType, boolean platformShipped,
                                                   String arbitrationStatus, Long deadline) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("return_id", ret.returnId());
        order.put("order_id", ret.orderId());
        order.put("return_type", ret.returnType());
        order.put("return_status", ret.returnStatus());
        order.put("arbitration_status", arbitrationStatus);
        order.put("role", "BUYER");
        order.put("return_reason", "ecom_order_delivered_refund_and_return_reason_wrong_size");
        order.put("return_reason_text", "Wrong size");
        order.put("can_buyer_keep_item", ret.canBuyerKeepItem());
        order.put("return_shipping_document_type", shippingDocumentType);
        order.put("shipment_type", platformShipped ? "PLATFORM" : "BUYER_ARRANGE");
        order.put("return_method", platformShipped ? "PLATFORM_SHIPPED" : "BUYER_SHIPPED");
        if (platformShipped && "AWAITING_BUYER_SHIP".equals(ret.returnStatus())) {
            order.put("return_tracking_number", "TTSPLAT" + ret.returnId().substring(ret.returnId().length() - 8));
            order.put("return_provider_id", "7117858858072016686");
        }
        order.put("create_time", ret.createTime());
        order.put("update_time", ret.updateTime());
        order.put("seller_next_action_response", nextActions(ret, deadline));
        order.put("refund_amount", Map.of("currency", "USD", "refund_total", total(ret)));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SandboxReturn.LineItem line : ret.lineItems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("return_line_item_id", line.returnLineItemId());
            item.put("order_line_item_id", line.orderLineItemId());
            item.put("sku_id", "1729" + Math.abs(line.sellerSku().hashCode()));
            item.put("seller_sku", line.sellerSku());
            item.put("sku_name", line.productName());
            item.put("product_name", line.productName());
            item.put("refund_amount", Map.of("currency", line.currency(), "refund_total", line.amount()));
            lines.add(item);
        }
        order.put("return_line_items", lines);
        return order;
    }

    private static List<Map<String, Object>> nextActions(SandboxReturn ret, Long deadline) {
        String action = ret.sellerNextAction();
        return action == null ? List.of() : List.of(Map.of("action", action, "deadline", deadline));
    }

    private static String total(SandboxReturn ret) {
        return ret.lineItems().stream().map(l -> new java.math.BigDecimal(l.amount()))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString();
    }
}
