package io.returnflow.returns;

import java.math.BigDecimal;
import java.time.Instant;

import io.returnflow.merchants.MixedDecision;

/**
 * A decision as recorded, with what its sync needs of the return.
 *
 * @param id             also the idempotency key of the marketplace call
 * @param answers        what the marketplace waited for when the merchant decided
 * @param approvedRefund the approved items' refund total (a partial refund offers it)
 * @param plannedDecision the marketplace decision planned when deciding; null while held
 * @param deadLettered   FAILED because its sync message was dead-lettered (not refused by the
 *                       marketplace): replaying the message sends it again
 * @param answersDeadline the marketplace's deadline for what the decision answered; null when unknown
 */
public record RecordedDecision(
        String id,
        String returnId,
        String merchantId,
        ReturnSource source,
        String sourceAccountId,
        String sourceReturnId,
        String returnType,
        NextAction answers,
        Verdict verdict,
        MixedDecision mixedDecision,
        boolean returnless,
        String rejectReason,
        String comment,
        BigDecimal approvedRefund,
        String currency,
        SyncStatus syncStatus,
        String plannedDecision,
        boolean deadLettered,
        Instant answersDeadline) {

    /**
     * Whether the marketplace asks the merchant again, past this decision: it waits for another next
     * action, or for the same one under another deadline (a new request, e.g. after an appeal). A
     * decision whose deadline is unknown is asked again only by another next action.
     */
    public boolean isAskedAgainBy(SourceStatus status) {
        if (status.nextAction() == null) {
            return false;
        }
        return status.nextAction() != answers || (answersDeadline != null && status.deadline() != null
                && !answersDeadline.equals(status.deadline()));
    }

    /** A mixed decision the merchant handles by hand: nothing is sent. */
    public boolean isHeld() {
        return verdict == Verdict.MIXED && mixedDecision == MixedDecision.MANUAL;
    }
}
