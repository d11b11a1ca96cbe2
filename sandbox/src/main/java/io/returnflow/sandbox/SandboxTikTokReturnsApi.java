package io.returnflow.sandbox;

import java.io.IOException;
import java.util.ArrayList;
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

    private final SandboxData data;
    private final SandboxSignatureCheck signatures;
    private final ObjectMapper json;

    SandboxTikTokReturnsApi(SandboxData data, SandboxSignatureCheck signatures, ObjectMapper json) {
        this.data = data;
        this.signatures = signatures;
        this.json = json;
    }

    @PostMapping("/returns/search")
    Map<String, Object> search(HttpServletRequest request, @RequestBody(required = false) byte[] body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body;
        Map<String, Object> problem = signatures.problem(request, bytes, false);
        if (problem != null) {
            return problem;
        }
        JsonNode criteria = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        List<Map<String, Object>> found = new ArrayList<>();
        for (JsonNode id : criteria.path("return_ids")) {
            data.findReturn(id.asText()).ifPresent(ret -> found.add(returnOrder(ret, data.shippingDocumentType(ret.returnId()),
                    data.isPlatformShipped(ret.returnId()), data.arbitrationStatus(ret.returnId()))));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("return_orders", found);
        page.put("next_page_token", "");
        page.put("total_count", found.size());
        return SandboxEnvelope.ok(page);
    }

    /**
     * @param platformShipped TikTok ships it (shipment_type PLATFORM, return_method PLATFORM_SHIPPED): once
     *                        approved it carries TikTok's own tracking number and carrier
     */
    private static Map<String, Object> returnOrder(SandboxReturn ret, String shippingDocumentType, boolean platformShipped,
                                                   String arbitrationStatus) {
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
        order.put("seller_next_action_response", nextActions(ret));
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

    private static List<Map<String, Object>> nextActions(SandboxReturn ret) {
        String action = ret.sellerNextAction();
        return action == null ? List.of() : List.of(Map.of("action", action, "deadline", ret.updateTime() + 2 * 86_400));
    }

    private static String total(SandboxReturn ret) {
        return ret.lineItems().stream().map(l -> new java.math.BigDecimal(l.amount()))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString();
    }
}
