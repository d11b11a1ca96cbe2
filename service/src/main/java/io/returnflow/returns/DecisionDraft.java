package io.returnflow.returns;

import java.math.BigDecimal;
import java.util.Map;

import io.returnflow.merchants.MixedDecision;

/**
 * A validated decision, ready to be recorded.
 *
 * @param answers                 what the marketplace waits for, as seen when validating: the return
 *                                must still wait for it when the decision is recorded
 * @param expectedCurrentDecision the return's current decision when validating (null: none yet)
 * @param items                   item id -> APPROVED | REJECTED, every item of the return
 * @param plannedDecision         the marketplace decision it becomes; null when held
 * @param heldReason              why the sync is held for an operator, or null
 */
public record DecisionDraft(
        String returnId,
        String merchantId,
        NextAction answers,
        String expectedCurrentDecision,
        Map<String, ItemDecision> items,
        Verdict verdict,
        MixedDecision mixedDecision,
        boolean returnless,
        String rejectReason,
        String comment,
        BigDecimal approvedRefund,
        String currency,
        String plannedDecision,
        String heldReason) {
}
