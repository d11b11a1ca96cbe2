package io.returnflow.returns;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import io.returnflow.merchants.Merchant;
import io.returnflow.merchants.MerchantStore;
import io.returnflow.merchants.MixedDecision;

import org.springframework.stereotype.Component;

/**
 * The merchant's decisions on returns: checks a decision against the return and what the
 * marketplace accepts for it now, then records it (items, state, the decision and its sync event at
 * once). The sync itself runs later, off the broker.
 */
@Component
public class ReturnDecisions {

    static final int MAX_COMMENT = 1000;

    private final ReturnQueries queries;
    private final DecisionLedger ledger;
    private final MerchantStore merchants;
    private final MarketplaceDecisions marketplace;

    public ReturnDecisions(ReturnQueries queries, DecisionLedger ledger, MerchantStore merchants, MarketplaceDecisions marketplace) {
        this.queries = queries;
        this.ledger = ledger;
        this.merchants = merchants;
        this.marketplace = marketplace;
    }

    /** The marketplace's reject reasons for one of the merchant's returns; NoSuchElementException for none. */
    public List<RejectReason> rejectReasons(String merchantId, String returnId) {
        return marketplace.rejectReasons(find(merchantId, returnId));
    }

    /**
     * Checks and records a decision; answers the return as it is now.
     *
     * @throws NoSuchElementException    the merchant has no such return
     * @throws DecisionRefusedException  invalid (400) or the return does not wait for a decision (409)
     */
    public ReturnView decide(String merchantId, String returnId, DecisionRequest request) {
        ReturnView ret = find(merchantId, returnId);
        Map<String, ItemDecision> items = itemDecisions(ret, request);
        String conflict = whyNotDecidable(ret);
        if (conflict != null) {
            throw DecisionRefusedException.conflict(conflict);
        }
        if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
            throw DecisionRefusedException.invalid("comment is longer than " + MAX_COMMENT + " characters");
        }
        Verdict verdict = verdict(items);
        if (request.isReturnless()) {
            String refusal = marketplace.returnlessRefusal(ret);
            if (refusal != null) {
                throw DecisionRefusedException.invalid("returnless: " + refusal);
            }
        }
        String rejectReason = blankToNull(request.rejectReason());
        if (verdict == Verdict.REJECTED) {
            checkRejectReason(ret, rejectReason);
        }
        MixedDecision mixed = merchants.find(merchantId).map(Merchant::returns).map(Merchant.Returns::mixedDecision)
                .orElse(MixedDecision.APPROVE_ALL);
        boolean held = verdict == Verdict.MIXED && mixed == MixedDecision.MANUAL;
        BigDecimal approvedRefund = BigDecimal.ZERO;
        String currency = null;
        for (ReturnView.Item item : ret.items()) {
            if (items.get(item.id()) == ItemDecision.APPROVED && item.refundAmount() != null) {
                approvedRefund = approvedRefund.add(new BigDecimal(item.refundAmount().amount()));
                currency = currency == null ? item.refundAmount().currency() : currency;
            }
        }
        ledger.decide(new DecisionDraft(ret.id(), merchantId, ret.tiktok().nextAction(), ret.sync().decisionId(), items,
                verdict, mixed, request.isReturnless(), rejectReason, blankToNull(request.comment()), approvedRefund,
                currency, held ? null : marketplace.plannedDecision(ret, verdict, mixed, request.isReturnless()),
                held ? "some items approved, some rejected, and the merchant's mixedDecision is MANUAL:"
                        + " an operator decides on the marketplace" : null));
        return find(merchantId, returnId);
    }

    /**
     * What a decision on the return may be now, so a form offers only what will be taken.
     *
     * @param decidable           whether the return takes a decision now
     * @param notDecidable        why not, when it does not
     * @param returnless          whether "the buyer keeps the items" may be asked
     * @param returnlessRefusal   why not, when it may not
     */
    public record Options(boolean decidable, String notDecidable, boolean returnless, String returnlessRefusal) {
    }

    /** @throws NoSuchElementException the merchant has no such return */
    public Options options(String merchantId, String returnId) {
        ReturnView ret = find(merchantId, returnId);
        String conflict = whyNotDecidable(ret);
        String returnlessRefusal = marketplace.returnlessRefusal(ret);
        return new Options(conflict == null, conflict, returnlessRefusal == null, returnlessRefusal);
    }

    /** Null when the return takes a decision: OPEN (or its last decision FAILED to sync), the marketplace waits for one, and nobody arbitrates it. */
    private static String whyNotDecidable(ReturnView ret) {
        if (ret.tiktok().inArbitration()) {
            return "return " + ret.id() + " is in arbitration on TikTok (arbitration_status IN_PROGRESS):"
                    + " a platform operator decides it, and TikTok refuses the merchant's decision until it ends";
        }
        boolean previousFailed = SyncStatus.FAILED.name().equals(ret.sync().status());
        if ((ret.state() != ReturnState.OPEN && !previousFailed) || ret.tiktok().nextAction() == null) {
            return "return " + ret.id() + " is " + ret.state()
                    + (ret.tiktok().nextAction() == null ? " and its marketplace waits for no decision" : "")
                    + ": only an OPEN return, or one whose last decision FAILED to sync, takes a decision";
        }
        return null;
    }

    private ReturnView find(String merchantId, String returnId) {
        return queries.find(merchantId, returnId).orElseThrow(() -> new NoSuchElementException("no return " + returnId));
    }

    /** Every item of the return exactly once, each APPROVE or REJECT. */
    private static Map<String, ItemDecision> itemDecisions(ReturnView ret, DecisionRequest request) {
        if (request.items() == null || request.items().isEmpty()) {
            throw DecisionRefusedException.invalid("items: give a decision for every item of the return");
        }
        Set<String> known = ret.items().stream().map(ReturnView.Item::id).collect(Collectors.toSet());
        Map<String, ItemDecision> decisions = new LinkedHashMap<>();
        for (DecisionRequest.Item item : request.items()) {
            if (item == null || item.itemId() == null || item.itemId().isBlank()) {
                throw DecisionRefusedException.invalid("items: every entry needs an itemId");
            }
            if (!known.contains(item.itemId())) {
                throw DecisionRefusedException.invalid("items: return " + ret.id() + " has no item " + item.itemId());
            }
            if (item.decision() == null) {
                throw DecisionRefusedException.invalid("items: item " + item.itemId() + " needs a decision, APPROVE or REJECT");
            }
            if (decisions.put(item.itemId(), item.decision().decision()) != null) {
                throw DecisionRefusedException.invalid("items: item " + item.itemId() + " is listed twice");
            }
        }
        Set<String> missing = new HashSet<>(known);
        missing.removeAll(decisions.keySet());
        if (!missing.isEmpty()) {
            throw DecisionRefusedException.invalid("items: no decision for item(s) " + String.join(", ", missing.stream().sorted().toList()));
        }
        return decisions;
    }

    private static Verdict verdict(Map<String, ItemDecision> items) {
        boolean approved = items.containsValue(ItemDecision.APPROVED);
        boolean rejected = items.containsValue(ItemDecision.REJECTED);
        return approved && rejected ? Verdict.MIXED : approved ? Verdict.APPROVED : Verdict.REJECTED;
    }

    private void checkRejectReason(ReturnView ret, String rejectReason) {
        if (rejectReason == null) {
            throw DecisionRefusedException.invalid("rejectReason: every item is rejected, so name one of the return's"
                    + " reject reasons (GET /api/returns/" + ret.id() + "/reject-reasons)");
        }
        List<RejectReason> reasons = marketplace.rejectReasons(ret);
        if (reasons.stream().noneMatch(reason -> reason.name().equals(rejectReason))) {
            throw DecisionRefusedException.invalid("rejectReason: " + rejectReason + " is not one of the return's reject reasons: "
                    + reasons.stream().map(RejectReason::name).collect(Collectors.joining(", ")));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
