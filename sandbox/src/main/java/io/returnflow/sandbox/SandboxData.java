package io.returnflow.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * What the sandbox partners know, kept consistent between them: every sandbox TikTok return has
 * its order in sandbox Shopify, with the same SKUs. In memory: the sandbox starts empty each run.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxData {

    private final Map<String, SandboxReturn> returns = new ConcurrentHashMap<>();
    private final Map<String, SandboxShopifyOrder> ordersByTikTokOrder = new ConcurrentHashMap<>();
    /** return_shipping_document_type per return, when not SHIPPING_LABEL */
    private final Map<String, String> shippingDocumentTypes = new ConcurrentHashMap<>();
    /** Returns whose shipping document TikTok takes as a PDF only (25021023 otherwise) */
    private final Set<String> pdfOnlyDocuments = ConcurrentHashMap.newKeySet();
    /** Returns TikTok ships itself (its carrier, its label and tracking number) */
    private final Set<String> platformShipped = ConcurrentHashMap.newKeySet();
    private final Map<String, String> arbitrationStatuses = new ConcurrentHashMap<>();
    private final Map<String, SandboxCancellation> cancellations = new ConcurrentHashMap<>();
    private final AtomicLong orderNumbers = new AtomicLong(1000);
    private final AtomicLong shopifyIds = new AtomicLong(5_100_000_000L);

    void put(SandboxReturn ret) {
        returns.put(ret.returnId(), ret);
    }

    Optional<SandboxReturn> findReturn(String returnId) {
        return Optional.ofNullable(returns.get(returnId));
    }

    Collection<SandboxReturn> returns() {
        return List.copyOf(returns.values());
    }

    void shippingDocumentType(String returnId, String type) {
        shippingDocumentTypes.put(returnId, type);
    }

    String shippingDocumentType(String returnId) {
        return shippingDocumentTypes.getOrDefault(returnId, "SHIPPING_LABEL");
    }

    /** The return's arbitration_status (IN_PROGRESS, SUPPORT_BUYER, SUPPORT_SELLER, CLOSED); empty for none. */
    void arbitrationStatus(String returnId, String status) {
        arbitrationStatuses.put(returnId, status);
    }

    String arbitrationStatus(String returnId) {
        return arbitrationStatuses.getOrDefault(returnId, "");
    }

    void platformShipped(String returnId) {
        platformShipped.add(returnId);
    }

    /** TikTok ships the return with its own carrier and label (shipment_type PLATFORM). */
    boolean isPlatformShipped(String returnId) {
        return platformShipped.contains(returnId);
    }

    void pdfOnlyDocuments(String returnId) {
        pdfOnlyDocuments.add(returnId);
    }

    boolean takesPdfDocumentsOnly(String returnId) {
        return pdfOnlyDocuments.contains(returnId);
    }

    /** Replaces the return with what {@code change} makes of it, atomically; empty when there is no such return. */
    Optional<SandboxReturn> update(String returnId, java.util.function.UnaryOperator<SandboxReturn> change) {
        return Optional.ofNullable(returns.computeIfPresent(returnId, (id, ret) -> change.apply(ret)));
    }

    void put(SandboxCancellation cancellation) {
        cancellations.put(cancellation.cancelId(), cancellation);
    }

    Optional<SandboxCancellation> findCancellation(String cancelId) {
        return Optional.ofNullable(cancellations.get(cancelId));
    }

    Collection<SandboxCancellation> cancellations() {
        return List.copyOf(cancellations.values());
    }

    /** Replaces the cancellation with what {@code change} makes of it, atomically; empty when there is none. */
    Optional<SandboxCancellation> updateCancellation(String cancelId, java.util.function.UnaryOperator<SandboxCancellation> change) {
        return Optional.ofNullable(cancellations.computeIfPresent(cancelId, (id, c) -> change.apply(c)));
    }

    /** The shop of a sandbox TikTok order: the shop of a return made on it. */
    Optional<String> shopOfOrder(String tiktokOrderId) {
        return returns.values().stream().filter(ret -> ret.orderId().equals(tiktokOrderId)).map(SandboxReturn::shopId).findFirst();
    }

    void put(SandboxShopifyOrder order) {
        ordersByTikTokOrder.put(order.tiktokOrderId(), order);
    }

    Optional<SandboxShopifyOrder> findOrderForTikTokOrder(String tiktokOrderId) {
        return Optional.ofNullable(ordersByTikTokOrder.get(tiktokOrderId));
    }

    /** Every sandbox Shopify order: the orders the sandbox NetSuite and ShipHero know too. */
    Collection<SandboxShopifyOrder> shopifyOrders() {
        return List.copyOf(ordersByTikTokOrder.values());
    }

    String nextOrderName() {
        return "#" + orderNumbers.incrementAndGet();
    }

    String nextShopifyId(String type) {
        return "gid://shopify/" + type + "/" + shopifyIds.incrementAndGet();
    }
}
