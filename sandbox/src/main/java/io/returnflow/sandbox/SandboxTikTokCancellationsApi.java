package io.returnflow.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Partner API for buyer cancellation requests, in TikTok's shapes (docs/tiktok-cancellations.md):
 * search (body filters {@code cancel_ids}, {@code order_ids}, {@code update_time_ge/lt}; query
 * {@code page_size} 1 to 50 and {@code page_token}), approve (no body) and reject ({@code reject_reason},
 * {@code comment}), both with {@code idempotency_key} in the query. The rules are {@link SandboxCancellations}'.
 */
@RestController
@RequestMapping(SandboxSignatureCheck.API_PREFIX + "/return_refund/202309/cancellations")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokCancellationsApi {

    private static final int MIN_PAGE = 1;
    private static final int MAX_PAGE = 50;

    private final SandboxCancellations cancellations;
    private final SandboxData data;
    private final SandboxSignatureCheck signatures;
    private final ObjectMapper json;

    SandboxTikTokCancellationsApi(SandboxCancellations cancellations, SandboxData data, SandboxSignatureCheck signatures,
                                  ObjectMapper json) {
        this.cancellations = cancellations;
        this.data = data;
        this.signatures = signatures;
        this.json = json;
    }

    @PostMapping("/search")
    Map<String, Object> search(HttpServletRequest request, @RequestBody(required = false) byte[] body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body;
        Map<String, Object> problem = signatures.problem(request, bytes, false);
        if (problem != null) {
            return problem;
        }
        int pageSize;
        try {
            pageSize = Integer.parseInt(String.valueOf(request.getParameter("page_size")));
        } catch (NumberFormatException e) {
            pageSize = -1;
        }
        if (pageSize < MIN_PAGE || pageSize > MAX_PAGE) {
            return SandboxEnvelope.error(SandboxTikTokReturnsApi.INVALID_PARAMETER,
                    "page_size must be between " + MIN_PAGE + " and " + MAX_PAGE);
        }
        int offset = 0;
        String token = request.getParameter("page_token");
        if (token != null && !token.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return SandboxEnvelope.error(SandboxTikTokReturnsApi.INVALID_PARAMETER, "invalid page_token");
            }
        }
        JsonNode criteria = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        Set<String> cancelIds = texts(criteria.path("cancel_ids"));
        Set<String> orderIds = texts(criteria.path("order_ids"));
        String cipher = request.getParameter("shop_cipher");
        List<SandboxCancellation> matching = data.cancellations().stream()
                .filter(c -> SandboxAuthorizedShopsApi.cipherOf(c.shopId()).equals(cipher))
                .filter(c -> cancelIds.isEmpty() || cancelIds.contains(c.cancelId()))
                .filter(c -> orderIds.isEmpty() || orderIds.contains(c.orderId()))
                .filter(c -> within(c.updateTime(), criteria, "update_time") && within(c.createTime(), criteria, "create_time"))
                .sorted(Comparator.comparingLong(SandboxCancellation::updateTime).thenComparing(SandboxCancellation::cancelId))
                .toList();
        List<Map<String, Object>> found = matching.stream().skip(offset).limit(pageSize).map(this::cancellation).toList();
        int next = offset + found.size();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("cancellations", found);
        page.put("next_page_token", next < matching.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(next).getBytes(StandardCharsets.UTF_8)) : "");
        page.put("total_count", matching.size());
        return SandboxEnvelope.ok(page);
    }

    @PostMapping("/{cancelId}/approve")
    Map<String, Object> approve(HttpServletRequest request, @PathVariable String cancelId,
                                @RequestBody(required = false) byte[] body) throws IOException {
        return decide(request, cancelId, body, false);
    }

    @PostMapping("/{cancelId}/reject")
    Map<String, Object> reject(HttpServletRequest request, @PathVariable String cancelId,
                               @RequestBody(required = false) byte[] body) throws IOException {
        return decide(request, cancelId, body, true);
    }

    private Map<String, Object> decide(HttpServletRequest request, String cancelId, byte[] body, boolean reject)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body;
        Map<String, Object> problem = signatures.problem(request, bytes, false);
        if (problem != null) {
            return problem;
        }
        JsonNode decision = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        SandboxReturnDecisions.Answer answer = cancellations.decide(cancelId, request.getParameter("shop_cipher"),
                request.getParameter("idempotency_key"), reject, text(decision, "reject_reason"), text(decision, "comment"));
        return answer.ok() ? SandboxEnvelope.ok(Map.of()) : SandboxEnvelope.error(answer.code(), answer.message());
    }

    private Map<String, Object> cancellation(SandboxCancellation c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cancel_id", c.cancelId());
        view.put("order_id", c.orderId());
        view.put("cancel_type", "BUYER_CANCEL");
        view.put("cancel_status", c.cancelStatus());
        view.put("role", "BUYER");
        view.put("cancel_reason", "ecom_order_unpaid_cancel_reason_no_longer_needed");
        view.put("cancel_reason_text", "No longer needed");
        view.put("create_time", c.createTime());
        view.put("update_time", c.updateTime());
        Long deadline = cancellations.deadlineOf(c);
        view.put("seller_next_action_response", deadline == null ? List.of()
                : List.of(Map.of("action", c.sellerNextAction(), "deadline", deadline)));
        BigDecimal total = c.lineItems().stream().map(l -> new BigDecimal(l.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
        view.put("refund_amount", Map.of("currency", "USD", "refund_total", total.toPlainString()));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SandboxCancellation.LineItem line : c.lineItems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("cancel_line_item_id", line.cancelLineItemId());
            item.put("order_line_item_id", line.orderLineItemId());
            item.put("sku_id", "1729" + Math.abs(line.sellerSku().hashCode()));
            item.put("seller_sku", line.sellerSku());
            item.put("sku_name", line.productName());
            item.put("product_name", line.productName());
            item.put("refund_amount", Map.of("currency", line.currency(), "refund_total", line.amount()));
            lines.add(item);
        }
        view.put("cancel_line_items", lines);
        view.put("should_replenish_stock", true);
        return view;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static boolean within(long time, JsonNode criteria, String field) {
        JsonNode from = criteria.path(field + "_ge");
        JsonNode before = criteria.path(field + "_lt");
        return (from.isMissingNode() || time >= from.asLong()) && (before.isMissingNode() || time < before.asLong());
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? null : value;
    }
}
