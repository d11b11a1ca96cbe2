package io.returnflow.deadlinepolicy;

import java.math.BigDecimal;
import java.util.List;

import io.returnflow.returns.DecisionRequest;
import io.returnflow.returns.ItemVerdict;
import io.returnflow.returns.ReturnView;

/**
 * What a policy's default decision would do to a return as it is now: the decision it takes (every
 * item approved, or every item rejected with the policy's reason), or why it leaves the return.
 *
 * @param request the decision, or null when the policy leaves the return to the merchant (and TikTok)
 * @param text    what it does, for history, notices and the console
 */
record PolicyVerdict(DecisionRequest request, String text) {

    static PolicyVerdict of(DeadlinePolicy.DefaultDecision decision, ReturnView ret) {
        return switch (decision.kind()) {
            case NONE -> new PolicyVerdict(null, "no default decision: TikTok decides at its deadline");
            case REJECT -> new PolicyVerdict(request(ret, ItemVerdict.REJECT, decision.rejectReason()),
                    "reject every item with the reason " + decision.rejectReason());
            case APPROVE_UP_TO -> approveUpTo(decision, ret);
        };
    }

    private static PolicyVerdict approveUpTo(DeadlinePolicy.DefaultDecision decision, ReturnView ret) {
        String limit = decision.maxRefund().toPlainString() + " " + decision.currency();
        BigDecimal total = BigDecimal.ZERO;
        for (ReturnView.Item item : ret.items()) {
            if (item.refundAmount() == null) {
                return new PolicyVerdict(null, "not approved: the refund of item " + item.id() + " is not known, so it may be over "
                        + limit);
            }
            if (!decision.currency().equals(item.refundAmount().currency())) {
                return new PolicyVerdict(null, "not approved: the refund is in " + item.refundAmount().currency()
                        + ", the policy approves up to " + limit);
            }
            total = total.add(new BigDecimal(item.refundAmount().amount()));
        }
        String refund = total.toPlainString() + " " + decision.currency();
        if (total.compareTo(decision.maxRefund()) > 0) {
            return new PolicyVerdict(null, "not approved: the refund " + refund + " is over " + limit);
        }
        return new PolicyVerdict(request(ret, ItemVerdict.APPROVE, null),
                "approve every item (refund " + refund + ", up to " + limit + ")");
    }

    private static DecisionRequest request(ReturnView ret, ItemVerdict verdict, String rejectReason) {
        List<DecisionRequest.Item> items = ret.items().stream().map(item -> new DecisionRequest.Item(item.id(), verdict)).toList();
        return new DecisionRequest(items, false, rejectReason, "Decided by the merchant's deadline policy before TikTok's deadline "
                + ret.tiktok().deadline());
    }

    boolean decides() {
        return request != null;
    }
}
