package io.returnflow.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sandbox TikTok's buyer cancellation requests: made for an order the sandbox knows, then
 * approved or rejected by the seller through the Partner API, each change told to the service by a
 * type-11 webhook. An idempotency key answers its first answer again without doing anything; every
 * call is kept in a journal per cancellation, for demos and tests to read.
 *
 * <p>TikTok's public material names no error codes for cancellations; the returns' codes are
 * assumed to apply (docs/tiktok-cancellations.md, "Unverified"): 25001003 for an unknown cancel id
 * (the returns' "does not exist"), 25020010 for one already approved, 25020009 for one already
 * closed, 25001014 for a reject reason not on its list. A call without {@code idempotency_key} is
 * refused with the sandbox's own parameter code, 36009004 (TikTok's is not published in what was read).
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxCancellations {

    static final long NOT_FOUND = SandboxReturnDecisions.RETURN_NOT_FOUND;
    static final long ALREADY_APPROVED = SandboxReturnDecisions.ALREADY_APPROVED;
    static final long ALREADY_CLOSED = SandboxReturnDecisions.ALREADY_CANCELLED;
    static final long INVALID_REJECT_REASON = SandboxReturnDecisions.INVALID_REJECT_REASON;
    static final long MISSING_PARAMETER = SandboxTikTokReturnsApi.INVALID_PARAMETER;

    /**
     * The reasons TikTok offers for rejecting a cancellation request: the first as a public SDK sample
     * shows it, the second the sandbox's own.
     */
    static final List<SandboxReturnDecisions.Reason> REJECT_REASONS = List.of(
            new SandboxReturnDecisions.Reason("seller_reject_apply_product_has_been_packed", "The order has already been packed"),
            new SandboxReturnDecisions.Reason("seller_reject_apply_product_has_been_shipped", "The order has already been shipped"));

    /** One approve or reject call as the sandbox received it. */
    record Call(String idempotencyKey, String decision, String rejectReason, String comment, long code, String message,
                boolean replayed, String statusAfter, Instant at) {
    }

    private final SandboxData data;
    private final SandboxWebhooks webhooks;
    private final Clock clock;
    private final Duration window;
    private final Map<String, SandboxReturnDecisions.Answer> answersByKey = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> journal = new ConcurrentHashMap<>();

    SandboxCancellations(SandboxData data, SandboxWebhooks webhooks, Clock clock,
                         @Value("${sandbox.tiktok.response-window:P2D}") Duration window) {
        this.data = data;
        this.webhooks = webhooks;
        this.clock = clock;
        this.window = window;
    }

    /** The buyer asks to cancel every unit of the order; empty for an order the sandbox does not know. */
    Optional<SandboxCancellation> buyerRequests(String orderId, String shopId) {
        Optional<SandboxShopifyOrder> order = data.findOrderForTikTokOrder(orderId);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        List<SandboxCancellation.LineItem> lines = new ArrayList<>();
        for (SandboxShopifyOrder.Line line : order.get().lines()) {
            for (int unit = 0; unit < line.quantity(); unit++) {
                lines.add(new SandboxCancellation.LineItem(SandboxWebhooks.SandboxIds.next(), SandboxWebhooks.SandboxIds.next(),
                        line.sku(), line.title(), "12.50", "USD"));
            }
        }
        long now = clock.instant().getEpochSecond();
        SandboxCancellation cancellation = new SandboxCancellation(SandboxWebhooks.SandboxIds.next(), orderId, shopId,
                SandboxCancellation.PENDING, now, now, List.copyOf(lines));
        data.put(cancellation);
        return Optional.of(cancellation);
    }

    /** The buyer withdraws the request while it is pending (TikTok closes it); empty once it is decided. */
    synchronized Optional<SandboxCancellation> buyerWithdraws(String cancelId) {
        SandboxCancellation found = data.findCancellation(cancelId).orElse(null);
        if (found == null || !SandboxCancellation.PENDING.equals(found.cancelStatus())) {
            return Optional.empty();
        }
        return data.updateCancellation(cancelId, c -> c.withStatus(SandboxCancellation.CANCEL, nextUpdateTime(c)));
    }

    /** Until when TikTok waits for the seller's answer (Unix seconds), or null once it waits for nothing. */
    Long deadlineOf(SandboxCancellation cancellation) {
        return cancellation.sellerNextAction() == null ? null : cancellation.updateTime() + window.toSeconds();
    }

    /** The reasons a reject may cite now: none once the request is no longer pending. */
    List<SandboxReturnDecisions.Reason> rejectReasons(SandboxCancellation cancellation) {
        return cancellation.sellerNextAction() == null ? List.of() : REJECT_REASONS;
    }

    List<Call> calls(String cancelId) {
        return List.copyOf(journal.getOrDefault(cancelId, List.of()));
    }

    /**
     * The seller's approve or reject call.
     *
     * @param cipher the call's shop_cipher: a cancellation of another shop is not found
     * @param rejectReason the reject's reason (null for an approval)
     */
    SandboxReturnDecisions.Answer decide(String cancelId, String cipher, String idempotencyKey, boolean reject,
                                         String rejectReason, String comment) {
        String decision = reject ? "REJECT" : "APPROVE";
        SandboxCancellation moved;
        SandboxReturnDecisions.Answer answer;
        synchronized (this) {
            SandboxCancellation found = data.findCancellation(cancelId)
                    .filter(c -> cipher == null || cipher.equals(SandboxAuthorizedShopsApi.cipherOf(c.shopId())))
                    .orElse(null);
            if (found == null) {
                return new SandboxReturnDecisions.Answer(NOT_FOUND, "The cancellation does not exist");
            }
            if (idempotencyKey == null || idempotencyKey.isBlank()) {
                answer = new SandboxReturnDecisions.Answer(MISSING_PARAMETER, "idempotency_key is required");
                record(cancelId, new Call(null, decision, rejectReason, comment, answer.code(), answer.message(), false,
                        found.cancelStatus(), clock.instant()));
                return answer;
            }
            if (answersByKey.containsKey(idempotencyKey)) {
                SandboxReturnDecisions.Answer first = answersByKey.get(idempotencyKey);
                record(cancelId, new Call(idempotencyKey, decision, rejectReason, comment, first.code(), first.message(), true,
                        found.cancelStatus(), clock.instant()));
                return first;
            }
            answer = check(found, reject, rejectReason);
            String next = reject ? SandboxCancellation.CANCEL : SandboxCancellation.SUCCESS;
            moved = answer.ok() ? data.updateCancellation(cancelId, c -> c.withStatus(next, nextUpdateTime(c))).orElseThrow() : null;
            answersByKey.put(idempotencyKey, answer);
            record(cancelId, new Call(idempotencyKey, decision, rejectReason, comment, answer.code(), answer.message(), false,
                    moved != null ? moved.cancelStatus() : found.cancelStatus(), clock.instant()));
        }
        if (moved != null) {
            webhooks.cancellationStatusChanged(moved, "SELLER");
        }
        return answer;
    }

    private SandboxReturnDecisions.Answer check(SandboxCancellation cancellation, boolean reject, String rejectReason) {
        switch (cancellation.cancelStatus()) {
            case SandboxCancellation.SUCCESS, SandboxCancellation.COMPLETE -> {
                return new SandboxReturnDecisions.Answer(ALREADY_APPROVED, "The cancellation has already been approved");
            }
            case SandboxCancellation.CANCEL -> {
                return new SandboxReturnDecisions.Answer(ALREADY_CLOSED, "The cancellation has already been closed");
            }
            default -> { }
        }
        if (reject && (rejectReason == null || rejectReasons(cancellation).stream().noneMatch(r -> r.name().equals(rejectReason)))) {
            return new SandboxReturnDecisions.Answer(INVALID_REJECT_REASON, "Invalid reject reason: " + rejectReason);
        }
        return SandboxReturnDecisions.Answer.OK;
    }

    /** Each change gets a later update_time, even within one second. */
    private long nextUpdateTime(SandboxCancellation cancellation) {
        return Math.max(clock.instant().getEpochSecond(), cancellation.updateTime() + 1);
    }

    private void record(String cancelId, Call call) {
        journal.computeIfAbsent(cancelId, id -> new CopyOnWriteArrayList<>()).add(call);
    }
}
