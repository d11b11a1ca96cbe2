package io.returnflow.returns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A return as the merchant API shows it (service-contract.md). */
public record ReturnView(
        String id,
        String merchantId,
        ReturnSource source,
        ReturnKind kind,
        TikTok tiktok,
        Shopify shopify,
        ReturnState state,
        String attention,
        List<Item> items,
        List<Wms> wms,
        Label label,
        Sync sync,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * @param deadline       until when TikTok waits for the merchant's {@code nextAction}; past it, TikTok
     *                       decides by itself. Null while TikTok waits for nothing
     * @param deadlineAction TikTok's name of the action the deadline is for (e.g. SELLER_RESPOND_RETURN)
     * @param arbitrationStatus TikTok's arbitration_status (IN_PROGRESS while a platform operator decides the
     *                       case: no decision is taken then); null when nobody asked TikTok to arbitrate
     */
    public record TikTok(String shopId, String returnId, String orderId, String returnType, String status,
                         NextAction nextAction, boolean canBuyerKeepItem, Instant deadline, String deadlineAction,
                         String arbitrationStatus) {

        /** A platform operator, not the merchant, decides the case now. */
        @JsonIgnore
        public boolean inArbitration() {
            return SourceStatus.ARBITRATION_IN_PROGRESS.equals(arbitrationStatus);
        }
    }

    public record Shopify(String orderId, String orderName) {
    }

    public record Item(String id, String sku, String productName, int quantity, String shopifyLineItemId,
                       String shopifyVariantId, boolean matched, Money refundAmount, ItemDecision decision) {
    }

    public record Money(String amount, String currency) {
        static Money of(BigDecimal amount, String currency) {
            return amount == null ? null : new Money(amount.toPlainString(), currency);
        }
    }

    /**
     * @param updatedAt when the target reached its status (for CREATED: when the Return Authorization was made)
     * @param outcome what the target did when the return's status changed afterwards (targets that
     *                follow outcomes); null until it did something
     */
    public record Wms(String target, String status, String externalId, String error, Instant updatedAt, Outcome outcome) {
    }

    /**
     * @param status what the target shows now ({@code CANCELED}, {@code CLOSED}...), {@code KEPT} when it
     *               would not follow, {@code FAILED} when following was given up
     * @param detail why, in the target's words (or the dead letter's reason)
     */
    public record Outcome(String status, String detail) {
    }

    /**
     * @param status PENDING, PURCHASED, UPLOADED, FAILED; NOT_NEEDED (no seller label: see reason),
     *               REFUNDED (bought, then refunded at the provider: see reason)
     * @param reason why no label is made, or why it was refunded
     */
    public record Label(String status, String trackingNumber, String error, String reason) {
    }

    /**
     * The current decision's sync with the marketplace.
     *
     * @param status     NONE (no decision yet), PENDING, SYNCED, FAILED
     * @param decision   the marketplace decision (e.g. APPROVE_RETURN); null while held
     * @param error      why the marketplace refused it, with its code
     * @param errorCode  the marketplace's error code, when it gave one
     * @param reason     why a sync is held, or how it ended without a call
     * @param decisionId the decision's id, also the idempotency key of the marketplace call
     */
    public record Sync(String status, String decision, String error, String errorCode, String reason, String decisionId) {
        static final Sync NONE = new Sync("NONE", null, null, null, null, null);
    }
}
