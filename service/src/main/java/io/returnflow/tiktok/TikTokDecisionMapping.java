package io.returnflow.tiktok;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import io.returnflow.merchants.MixedDecision;
import io.returnflow.returns.NextAction;
import io.returnflow.returns.Verdict;

/**
 * The merchant's verdict as the TikTok decision that answers what TikTok waits for:
 * <ul>
 *   <li>every item rejected: the reject matching the next action ({@code REJECT_REFUND},
 *       {@code REJECT_RETURN}, {@code REJECT_REPLACEMENT}, {@code REJECT_RECEIVED_PACKAGE});</li>
 *   <li>every item approved: {@code APPROVE_REFUND} (refund only), {@code APPROVE_RETURN} (with
 *       {@code buyer_keep_item} when returnless), {@code APPROVE_REPLACEMENT}, or
 *       {@code APPROVE_RECEIVED_PACKAGE} once the buyer shipped;</li>
 *   <li>mixed: by the merchant's mixedDecision, approved as above ({@code APPROVE_ALL}),
 *       {@code OFFER_PARTIAL_REFUND} of the approved items' total ({@code PARTIAL_REFUND}), or
 *       nothing: held for an operator ({@code MANUAL}).</li>
 * </ul>
 * The family (refund, return, replacement) is TikTok's current {@code SELLER_RESPOND_*} action when
 * it waits for the stage the merchant decided on, else the return type's: a decision on a request is
 * never turned into a decision on a received package, or the other way round.
 */
public final class TikTokDecisionMapping {

    enum Family { REFUND, RETURN, REPLACEMENT, RECEIVED_PACKAGE }

    private static final Set<String> REFUNDED = Set.of("RETURN_OR_REFUND_REQUEST_SUCCESS", "RETURN_OR_REFUND_REQUEST_COMPLETE");
    private static final Set<String> REPLACED = Set.of("REPLACEMENT_REQUEST_COMPLETE", "REPLACEMENT_REQUEST_REFUND_SUCCESS");
    /** Statuses a return reaches only after its request was approved with the item coming back. */
    private static final Set<String> APPROVED_FOR_RETURN = Set.of("AWAITING_BUYER_SHIP", "BUYER_SHIPPED_ITEM",
            "REJECT_RECEIVE_PACKAGE");

    private TikTokDecisionMapping() {
    }

    /**
     * @param answers           what TikTok waited for when the merchant decided
     * @param sellerNextActions TikTok's {@code seller_next_action_response[].action} now (may be empty)
     * @return the decision, or null when a MANUAL mixed decision holds it
     */
    public static TikTokDecision decision(NextAction answers, String returnType, List<String> sellerNextActions,
                                          Verdict verdict, MixedDecision mixedDecision, boolean returnless,
                                          String rejectReason, String comment, BigDecimal approvedRefund, String currency) {
        Family family = family(answers, returnType, sellerNextActions);
        if (verdict == Verdict.REJECTED) {
            return new TikTokDecision("REJECT_" + family.name(), true, false, null, null, rejectReason, comment,
                    rejectedIn(family));
        }
        if (verdict == Verdict.MIXED && mixedDecision == MixedDecision.MANUAL) {
            return null;
        }
        if (verdict == Verdict.MIXED && mixedDecision == MixedDecision.PARTIAL_REFUND) {
            return new TikTokDecision("OFFER_PARTIAL_REFUND", false, false, approvedRefund, currency, null, comment,
                    Set.of("AWAITING_BUYER_RESPONSE"));
        }
        boolean keep = returnless && family == Family.RETURN;
        return new TikTokDecision("APPROVE_" + family.name(), false, keep, null, null, null, comment,
                approvedIn(family, keep));
    }

    /** Whether TikTok waits now for a decision of the stage and family the merchant decided on. */
    public static boolean awaited(NextAction answers, String returnType, List<String> sellerNextActions) {
        Family family = family(answers, returnType, sellerNextActions);
        return sellerNextActions.contains("SELLER_RESPOND_" + (family == Family.RECEIVED_PACKAGE ? "RECEIVE_PACKAGE" : family.name()));
    }

    static Family family(NextAction answers, String returnType, List<String> sellerNextActions) {
        if (answers == NextAction.CONFIRM_RECEIPT) {
            return Family.RECEIVED_PACKAGE;
        }
        for (String action : sellerNextActions) {
            switch (action) {
                case "SELLER_RESPOND_REFUND" -> { return Family.REFUND; }
                case "SELLER_RESPOND_RETURN" -> { return Family.RETURN; }
                case "SELLER_RESPOND_REPLACEMENT" -> { return Family.REPLACEMENT; }
                default -> { }
            }
        }
        return switch (returnType == null ? "" : returnType) {
            case "REFUND" -> Family.REFUND;
            case "REPLACEMENT" -> Family.REPLACEMENT;
            default -> Family.RETURN;
        };
    }

    private static Set<String> rejectedIn(Family family) {
        return switch (family) {
            case REFUND, RETURN -> Set.of("REFUND_OR_RETURN_REQUEST_REJECT");
            case REPLACEMENT -> Set.of("REPLACEMENT_REQUEST_REJECT");
            case RECEIVED_PACKAGE -> Set.of("REJECT_RECEIVE_PACKAGE");
        };
    }

    private static Set<String> approvedIn(Family family, boolean buyerKeepsItem) {
        return switch (family) {
            case REFUND -> REFUNDED;
            case RETURN -> buyerKeepsItem ? REFUNDED : union(APPROVED_FOR_RETURN, REFUNDED);
            case REPLACEMENT -> union(APPROVED_FOR_RETURN, REPLACED);
            case RECEIVED_PACKAGE -> union(REFUNDED, REPLACED);
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
