package io.returnflow.tiktok;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.messaging.DeadLetterObserver;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.returns.DecisionLedger;
import io.returnflow.returns.RecordedDecision;
import io.returnflow.returns.ReturnKind;
import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnStore;
import io.returnflow.returns.SourceStatus;
import io.returnflow.returns.SyncStatus;
import io.returnflow.tiktok.connect.ConnectedShop;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the decision sync route (tiktok-decision-sync), consume -> sync -> record: which
 * decision to send ({@link #toSend}); the sync with TikTok itself, every call of it ({@link #sync});
 * and its outcome written on the decision and the return ({@link #record}). TikTok's final refusals
 * are outcomes, not exceptions: the sync ends FAILED with TikTok's code and message. Waiting (429,
 * 5xx, timeouts, 36009003) stays an exception for the queue consumer policy to retry, with the same
 * idempotency key; a message the policy dead-letters ends the sync FAILED with the dead letter's
 * reason ({@link DeadLetterObserver}), and replaying it sends the decision again.
 */
@Component("tiktokDecisionSync")
public class TikTokDecisionSync implements DeadLetterObserver {

    /** Route variable: the {@link RecordedDecision} being synced. */
    public static final String DECISION = "decision";

    private static final Logger log = LoggerFactory.getLogger(TikTokDecisionSync.class);

    /** What TikTok answered a decision call. */
    public record Outcome(boolean accepted, String code, String message) {
        static final Outcome ACCEPTED = new Outcome(true, null, null);
    }

    /** How a sync went: its metric tag (tiktok.decision.syncs{outcome}) and what the record step writes. */
    public enum Result {
        /** TikTok already showed the decision taken: nothing sent. */
        ALREADY,
        /** The reject reason left TikTok's list for the return: not sent. */
        REASON_WITHDRAWN,
        /** TikTok took the decision. */
        SYNCED,
        /** TikTok refused it (the return as re-read after the refusal says whether it is taken anyway). */
        REFUSED;

        public String tag() {
            return name().toLowerCase();
        }
    }

    /**
     * @param call    what was (or would have been) sent
     * @param current the return's (or cancellation's) status as TikTok shows it after the sync (re-read after a refusal)
     * @param answer  TikTok's answer to the call; null when nothing was sent
     */
    public record Sync(Result outcome, TikTokDecisionCall call, SourceStatus current, Outcome answer) {

        public String tag() {
            return outcome.tag();
        }
    }

    private final DecisionLedger decisions;
    private final ReturnStore returns;
    private final TikTokShopDirectory shops;
    private final TikTokReturns tiktokReturns;
    private final TikTokCancellations tiktokCancellations;
    private final TikTokClient client;
    private final TikTokEndpoints endpoints;
    private final TikTokRejectReasons reasons;
    private final ObjectMapper json;

    public TikTokDecisionSync(DecisionLedger decisions, ReturnStore returns, TikTokShopDirectory shops,
                              TikTokReturns tiktokReturns, TikTokCancellations tiktokCancellations, TikTokClient client,
                              TikTokEndpoints endpoints, TikTokRejectReasons reasons, ObjectMapper json) {
        this.decisions = decisions;
        this.returns = returns;
        this.shops = shops;
        this.tiktokReturns = tiktokReturns;
        this.tiktokCancellations = tiktokCancellations;
        this.client = client;
        this.endpoints = endpoints;
        this.reasons = reasons;
        this.json = json;
    }

    /**
     * The decision a "return decided" event names, if it still has to be sent: null when its sync
     * already ended (a duplicate event) or is held for an operator.
     */
    public RecordedDecision toSend(@Body String event) {
        String decisionId;
        try {
            decisionId = json.readTree(event).path("decisionId").asText(null);
        } catch (IOException e) {
            throw new PermanentFailureException("not a return decided event: " + e.getMessage(), e);
        }
        if (decisionId == null) {
            throw new PermanentFailureException("the return decided event names no decision");
        }
        Optional<RecordedDecision> decision = decisions.decision(decisionId);
        if (decision.isEmpty()) {
            throw new PermanentFailureException("no decision " + decisionId);
        }
        if (decision.get().syncStatus() == SyncStatus.FAILED && decision.get().deadLettered()
                && decisions.resumeSync(decisionId)) {
            log.info("Decision {} on return {} was dead-lettered and is replayed: sending it again", decisionId,
                    decision.get().returnId());
            decision = decisions.decision(decisionId);
        }
        if (decision.get().syncStatus() != SyncStatus.PENDING) {
            log.info("Decision {} on return {} is already {}: nothing to send", decisionId, decision.get().returnId(),
                    decision.get().syncStatus());
            return null;
        }
        if (decision.get().isHeld()) {
            log.info("Decision {} on return {} is held for an operator (mixed, MANUAL): nothing to send", decisionId,
                    decision.get().returnId());
            return null;
        }
        return decision.get();
    }

    /**
     * The sync with TikTok: the return is re-read, and the decision answers what TikTok waits for
     * now; already shown taken, nothing is sent; a reject whose reason TikTok no longer lists is not
     * sent; otherwise the decision goes, signed, with its id as the idempotency key, and after a
     * refusal the return is re-read once more. Writes nothing: {@link #record} does.
     *
     * @throws UnknownShopException the shop is unknown, disconnected or no longer the merchant's (parked in the dead-letter queue)
     */
    public Sync sync(RecordedDecision decision) {
        ConnectedShop shop = shops.connectedShop(decision.sourceAccountId(), decision.merchantId());
        boolean cancellation = returns.kindOf(decision.returnId()).orElse(ReturnKind.RETURN) == ReturnKind.CANCELLATION;
        TikTokDecisionCall call;
        SourceStatus current;
        if (cancellation) {
            TikTokCancellation request = tiktokCancellations.fetch(decision.sourceReturnId(), shop.accessToken(), shop.cipher());
            call = planCancellation(decision, request);
            current = TikTokCancellations.status(request);
        } else {
            TikTokReturn ret = tiktokReturns.fetch(decision.sourceReturnId(), shop.accessToken(), shop.cipher());
            call = plan(decision, ret);
            current = TikTokReturnDrafts.status(ret);
        }
        if (call.alreadyDone()) {
            return new Sync(Result.ALREADY, call, current, null);
        }
        if (rejectReasonWithdrawn(call, shop)) {
            return new Sync(Result.REASON_WITHDRAWN, call, current, null);
        }
        Outcome answer = send(call, shop);
        if (answer.accepted()) {
            return new Sync(Result.SYNCED, call, current, answer);
        }
        // what does TikTok show after refusing? (already as asked: SYNCED; else FAILED, TikTok's state)
        SourceStatus after = cancellation
                ? TikTokCancellations.status(tiktokCancellations.fetch(decision.sourceReturnId(), shop.accessToken(), shop.cipher()))
                : TikTokReturnDrafts.status(tiktokReturns.fetch(decision.sourceReturnId(), shop.accessToken(), shop.cipher()));
        return new Sync(Result.REFUSED, call, after, answer);
    }

    /** Writes how the sync went on the decision (SYNCED, or FAILED with TikTok's code) and the return. */
    public void record(Sync sync) {
        TikTokDecisionCall call = sync.call();
        SourceStatus current = sync.current();
        switch (sync.outcome()) {
            case ALREADY -> {
                decisions.syncSucceeded(call.decisionId(), call.decision().decision(),
                        "TikTok already showed " + call.returnStatus() + ": nothing to send");
                returns.applyStatus(ReturnSource.TIKTOK, call.shopId(), call.tiktokReturnId(), current);
                log.info("Decision {} on return {}: TikTok already shows {}, nothing sent", call.decisionId(), call.returnId(),
                        call.returnStatus());
            }
            case REASON_WITHDRAWN -> {
                decisions.syncFailed(call.decisionId(), call.decision().decision(), null, "reject reason " + call.rejectReason()
                        + " is no longer one of TikTok's reject reasons for this return: decide again with a current one",
                        current);
                log.info("Decision {} on return {} not sent: reject reason {} withdrawn", call.decisionId(), call.returnId(),
                        call.rejectReason());
            }
            case SYNCED -> {
                decisions.syncSucceeded(call.decisionId(), call.decision().decision(), null);
                log.info("Decision {} on return {} sent to TikTok as {}", call.decisionId(), call.returnId(),
                        call.decision().decision());
            }
            case REFUSED -> refused(call, sync.answer(), current);
        }
    }

    /** The decision that answers what TikTok waits for now, from the return just re-read. */
    TikTokDecisionCall plan(RecordedDecision decision, TikTokReturn current) {
        TikTokDecision tiktok = TikTokDecisionMapping.decision(decision.answers(), current.returnType(),
                current.sellerNextActions(), decision.verdict(), decision.mixedDecision(), decision.returnless(),
                decision.rejectReason(), decision.comment(), decision.approvedRefund(), decision.currency());
        String path = TikTokEndpoints.withReturnId(tiktok.reject() ? endpoints.rejectReturn() : endpoints.approveReturn(),
                current.returnId());
        return new TikTokDecisionCall(decision.id(), decision.returnId(), decision.sourceAccountId(), current.returnId(),
                path, tiktok.body(), tiktok,
                current.returnStatus(), TikTokDecisionMapping.awaited(decision.answers(), current.returnType(),
                current.sellerNextActions()));
    }

    /** The approve or reject of a cancellation request, from the request just re-read. */
    TikTokDecisionCall planCancellation(RecordedDecision decision, TikTokCancellation current) {
        TikTokDecision tiktok = TikTokCancellationDecisions.decision(decision.verdict(), decision.rejectReason(),
                decision.comment());
        String path = TikTokEndpoints.withCancelId(tiktok.reject() ? endpoints.rejectCancellation()
                : endpoints.approveCancellation(), current.cancelId());
        return new TikTokDecisionCall(decision.id(), decision.returnId(), decision.sourceAccountId(), current.cancelId(),
                path, TikTokCancellationDecisions.body(tiktok), tiktok, current.cancelStatus(),
                current.sellerNextActions().contains(TikTokCancellation.RESPOND_CANCEL));
    }

    /**
     * A reject whose reason TikTok no longer lists for the return (checked again right before
     * sending). Only while TikTok waits for the reject: otherwise its list is empty, and TikTok's
     * own answer to the call (e.g. already approved) says more.
     */
    private boolean rejectReasonWithdrawn(TikTokDecisionCall call, ConnectedShop shop) {
        return call.rejectReason() != null && call.awaited()
                && !reasons.lists(call.rejectReason(), call.tiktokReturnId(), shop.accessToken(), shop.cipher());
    }

    /** Sends the decision, signed, with the decision id as its idempotency key. */
    private Outcome send(TikTokDecisionCall call, ConnectedShop shop) {
        try {
            client.post(call.path(), Map.of("idempotency_key", call.decisionId()), call.body(),
                    shop.accessToken(), shop.cipher());
            return Outcome.ACCEPTED;
        } catch (TikTokApiException refused) {
            return new Outcome(false, String.valueOf(refused.tiktokCode()), refused.tiktokMessage());
        }
    }

    /**
     * TikTok refused the decision. If the return (re-read after the refusal) shows it taken anyway,
     * the sync is SYNCED; otherwise FAILED with TikTok's code and message, and the return takes
     * TikTok's state again.
     */
    private void refused(TikTokDecisionCall call, Outcome outcome, SourceStatus current) {
        log.warn("TikTok refused decision {} ({}) on return {}: {} {}", call.decisionId(), call.decision().decision(),
                call.returnId(), outcome.code(), outcome.message());
        if (call.decision().isShownBy(current.status())) {
            decisions.syncSucceeded(call.decisionId(), call.decision().decision(), "TikTok answered " + outcome.code()
                    + " but shows " + current.status() + ", as the decision asked");
            returns.applyStatus(ReturnSource.TIKTOK, call.shopId(), call.tiktokReturnId(), current);
            return;
        }
        decisions.syncFailed(call.decisionId(), call.decision().decision(), outcome.code(), outcome.message(), current);
    }

    /** The route gave up on the decision's message: FAILED with the dead letter's reason, until replayed. */
    @Override
    public void deadLettered(Exchange exchange, String reason) {
        if (exchange.getVariable(DECISION) instanceof RecordedDecision decision
                && decisions.syncDeadLettered(decision.id(), reason)) {
            log.warn("Decision {} on return {} FAILED, its sync message dead-lettered: {}", decision.id(),
                    decision.returnId(), reason);
        }
    }
}
