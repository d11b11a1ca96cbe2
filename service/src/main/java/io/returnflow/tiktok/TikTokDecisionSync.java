package io.returnflow.tiktok;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.messaging.DeadLetterObserver;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.returns.RecordedDecision;
import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnStore;
import io.returnflow.returns.SyncStatus;
import io.returnflow.tiktok.connect.ConnectedShop;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the decision sync route (tiktok-decision-sync): which decision to send, as what,
 * the call itself, and its outcome recorded on the decision. TikTok's final refusals are outcomes,
 * not exceptions: the sync ends FAILED with TikTok's code and message. Waiting (429, 5xx, timeouts,
 * 36009003) stays an exception for the queue consumer policy to retry, with the same idempotency key;
 * a message the policy dead-letters ends the sync FAILED with the dead letter's reason
 * ({@link DeadLetterObserver}), and replaying it sends the decision again.
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

    private final ReturnStore store;
    private final TikTokClient client;
    private final TikTokEndpoints endpoints;
    private final TikTokRejectReasons reasons;
    private final ObjectMapper json;

    public TikTokDecisionSync(ReturnStore store, TikTokClient client, TikTokEndpoints endpoints,
                              TikTokRejectReasons reasons, ObjectMapper json) {
        this.store = store;
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
        Optional<RecordedDecision> decision = store.decision(decisionId);
        if (decision.isEmpty()) {
            throw new PermanentFailureException("no decision " + decisionId);
        }
        if (decision.get().syncStatus() == SyncStatus.FAILED && decision.get().deadLettered()
                && store.resumeSync(decisionId)) {
            log.info("Decision {} on return {} was dead-lettered and is replayed: sending it again", decisionId,
                    decision.get().returnId());
            decision = store.decision(decisionId);
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

    /** The decision that answers what TikTok waits for now, from the return just re-read. */
    public TikTokDecisionCall plan(RecordedDecision decision, TikTokReturn current) {
        TikTokDecision tiktok = TikTokDecisionMapping.decision(decision.answers(), current.returnType(),
                current.sellerNextActions(), decision.verdict(), decision.mixedDecision(), decision.returnless(),
                decision.rejectReason(), decision.comment(), decision.approvedRefund(), decision.currency());
        String path = TikTokEndpoints.withReturnId(tiktok.reject() ? endpoints.rejectReturn() : endpoints.approveReturn(),
                current.returnId());
        return new TikTokDecisionCall(decision.id(), decision.returnId(), decision.sourceAccountId(), current.returnId(),
                path, tiktok,
                current.returnStatus(), TikTokDecisionMapping.awaited(decision.answers(), current.returnType(),
                current.sellerNextActions()));
    }

    /**
     * A reject whose reason TikTok no longer lists for the return (checked again right before
     * sending). Only while TikTok waits for the reject: otherwise its list is empty, and TikTok's
     * own answer to the call (e.g. already approved) says more.
     */
    public boolean rejectReasonWithdrawn(TikTokDecisionCall call, ConnectedShop shop) {
        return call.rejectReason() != null && call.awaited()
                && !reasons.lists(call.rejectReason(), call.tiktokReturnId(), shop.accessToken(), shop.cipher());
    }

    /** Sends the decision, signed, with the decision id as its idempotency key. */
    public Outcome send(TikTokDecisionCall call, ConnectedShop shop) {
        try {
            client.post(call.path(), Map.of("idempotency_key", call.decisionId()), call.decision().body(),
                    shop.accessToken(), shop.cipher());
            return Outcome.ACCEPTED;
        } catch (TikTokApiException refused) {
            return new Outcome(false, String.valueOf(refused.tiktokCode()), refused.tiktokMessage());
        }
    }

    public void synced(TikTokDecisionCall call) {
        store.syncSucceeded(call.decisionId(), call.decision().decision(), null);
    }

    /** TikTok already shows the decision taken (in Seller Center, or by an earlier attempt): SYNCED, in TikTok's state. */
    public void alreadyShown(TikTokDecisionCall call, TikTokReturn current) {
        store.syncSucceeded(call.decisionId(), call.decision().decision(),
                "TikTok already showed " + call.returnStatus() + ": nothing to send");
        store.applyStatus(ReturnSource.TIKTOK, call.shopId(), current.returnId(), TikTokReturnDrafts.status(current));
    }

    /**
     * TikTok refused the decision. If the return (re-read after the refusal) shows it taken anyway,
     * the sync is SYNCED; otherwise FAILED with TikTok's code and message, and the return takes
     * TikTok's state again.
     */
    public void refused(TikTokDecisionCall call, Outcome outcome, TikTokReturn current) {
        if (call.decision().isShownBy(current.returnStatus())) {
            store.syncSucceeded(call.decisionId(), call.decision().decision(), "TikTok answered " + outcome.code()
                    + " but shows " + current.returnStatus() + ", as the decision asked");
            store.applyStatus(ReturnSource.TIKTOK, call.shopId(), current.returnId(), TikTokReturnDrafts.status(current));
            return;
        }
        store.syncFailed(call.decisionId(), call.decision().decision(), outcome.code(), outcome.message(),
                TikTokReturnDrafts.status(current));
    }

    /** The route gave up on the decision's message: FAILED with the dead letter's reason, until replayed. */
    @Override
    public void deadLettered(Exchange exchange, String reason) {
        if (exchange.getVariable(DECISION) instanceof RecordedDecision decision
                && store.syncDeadLettered(decision.id(), reason)) {
            log.warn("Decision {} on return {} FAILED, its sync message dead-lettered: {}", decision.id(),
                    decision.returnId(), reason);
        }
    }

    /** Not sent: its reject reason left TikTok's list between the decision and the send. */
    public void rejectReasonGone(TikTokDecisionCall call, TikTokReturn current) {
        store.syncFailed(call.decisionId(), call.decision().decision(), null, "reject reason " + call.rejectReason()
                + " is no longer one of TikTok's reject reasons for this return: decide again with a current one",
                TikTokReturnDrafts.status(current));
    }
}
