package io.returnflow.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * How the sandbox TikTok takes a seller's decision on a return, through the Partner API or its
 * Seller Center: checked as TikTok does (the decision must match the return type and what TikTok
 * waits for; a reject needs a reason from the return's list), then the return moves to its next
 * status and a type-12 webhook tells the service. An idempotency key answers its first answer again
 * without doing anything. Every call is kept in a journal per return, for demos and tests to read.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxReturnDecisions {

    static final long RETURN_NOT_FOUND = 25001003L;
    static final long INVALID_REJECT_REASON = 25001014L;
    static final long RETIRED_REJECT_REASON = 25001020L;
    static final long STATUS_CANNOT_BE_APPROVED = 25011012L;
    static final long RECEIPT_CANNOT_BE_APPROVED = 25011013L;
    static final long DECISION_DOES_NOT_MATCH = 25020004L;
    static final long ALREADY_CANCELLED = 25020009L;
    /** The case was handed to a platform operator (arbitration): the seller's decision is not taken. */
    static final long IN_ARBITRATION = 25011010L;
    static final long ALREADY_APPROVED = 25020010L;

    static final Set<String> APPROVALS = Set.of("APPROVE_REFUND", "APPROVE_RETURN", "APPROVE_REPLACEMENT",
            "APPROVE_RECEIVED_PACKAGE", "OFFER_PARTIAL_REFUND");
    static final Set<String> REJECTIONS = Set.of("REJECT_REFUND", "REJECT_RETURN", "REJECT_REPLACEMENT",
            "REJECT_RECEIVED_PACKAGE");
    private static final Map<String, Set<String>> DECISIONS_BY_ACTION = Map.of(
            "SELLER_RESPOND_REFUND", Set.of("APPROVE_REFUND", "REJECT_REFUND", "OFFER_PARTIAL_REFUND"),
            "SELLER_RESPOND_RETURN", Set.of("APPROVE_RETURN", "REJECT_RETURN", "OFFER_PARTIAL_REFUND"),
            "SELLER_RESPOND_REPLACEMENT", Set.of("APPROVE_REPLACEMENT", "REJECT_REPLACEMENT", "OFFER_PARTIAL_REFUND"),
            "SELLER_RESPOND_RECEIVE_PACKAGE", Set.of("APPROVE_RECEIVED_PACKAGE", "REJECT_RECEIVED_PACKAGE", "OFFER_PARTIAL_REFUND"));
    private static final Set<String> CANCELLED = Set.of("RETURN_OR_REFUND_REQUEST_CANCEL", "REPLACEMENT_REQUEST_CANCEL");
    /** Statuses reached once the request was approved: a rejection of the request comes too late. */
    private static final Set<String> APPROVED = Set.of("AWAITING_BUYER_SHIP", "AWAITING_BUYER_RESPONSE",
            "RETURN_OR_REFUND_REQUEST_SUCCESS", "RETURN_OR_REFUND_REQUEST_COMPLETE", "REPLACEMENT_REQUEST_COMPLETE",
            "REPLACEMENT_REQUEST_REFUND_SUCCESS");
    /** The reasons TikTok offers for rejecting a request, and for rejecting a received package. */
    private static final List<Reason> REQUEST_REASONS = List.of(
            new Reason("seller_reject_apply_product_damaged_by_buyer", "The buyer damaged the product"),
            new Reason("seller_reject_apply_no_evidence", "The buyer gave no evidence of the problem"),
            new Reason("seller_reject_apply_outside_return_window", "The request came after the return window"));
    private static final List<Reason> RECEIPT_REASONS = List.of(
            new Reason("seller_reject_receive_package_damaged", "The returned item arrived damaged"),
            new Reason("seller_reject_receive_wrong_item", "The buyer returned a different item"),
            new Reason("seller_reject_receive_empty_package", "The package arrived empty"));

    record Reason(String name, String text) {
    }

    /** TikTok's answer: code 0 is success. */
    record Answer(long code, String message) {
        static final Answer OK = new Answer(0, "Success");

        boolean ok() {
            return code == 0;
        }
    }

    /** One decision call as the sandbox received it. */
    record Call(String channel, String idempotencyKey, String decision, Map<String, Object> body, long code,
                String message, boolean replayed, String statusAfter, Instant at) {
    }

    /** A decision to take: what the approve or reject body says. */
    record Decision(String decision, String rejectReason, String comment, boolean buyerKeepItem, String partialRefundAmount,
                    Map<String, Object> body) {

        static Decision of(JsonNode body, Map<String, Object> asMap) {
            JsonNode partial = body.path("partial_refund");
            return new Decision(body.path("decision").asText(""), text(body, "reject_reason"), text(body, "comment"),
                    body.path("buyer_keep_item").asBoolean(false),
                    partial.isMissingNode() ? null : text(partial, "amount"), asMap);
        }

        private static String text(JsonNode node, String field) {
            String value = node.path(field).asText("");
            return value.isEmpty() ? null : value;
        }
    }

    private final SandboxData data;
    private final SandboxWebhooks webhooks;
    private final Clock clock;
    private final Map<String, Answer> answersByKey = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> journal = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> retiredReasons = new ConcurrentHashMap<>();

    SandboxReturnDecisions(SandboxData data, SandboxWebhooks webhooks, Clock clock) {
        this.data = data;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** The return's current reject reasons: by what TikTok waits for, without the retired ones. */
    List<Reason> rejectReasons(SandboxReturn ret) {
        String action = ret.sellerNextAction();
        List<Reason> offered = action == null ? List.of()
                : "SELLER_RESPOND_RECEIVE_PACKAGE".equals(action) ? RECEIPT_REASONS : REQUEST_REASONS;
        Set<String> retired = retiredReasons.getOrDefault(ret.returnId(), Set.of());
        return offered.stream().filter(reason -> !retired.contains(reason.name())).toList();
    }

    /** TikTok stops offering the reason for this return: a reject citing it fails with 25001020. */
    void retire(String returnId, String reasonName) {
        retiredReasons.computeIfAbsent(returnId, id -> ConcurrentHashMap.newKeySet()).add(reasonName);
    }

    List<Call> calls(String returnId) {
        return List.copyOf(journal.getOrDefault(returnId, List.of()));
    }

    /**
     * Takes a decision, as the Partner API's approve or reject call.
     *
     * @param cipher         the call's shop_cipher: a return of another shop is not found
     * @param idempotencyKey repeats answer the first answer and change nothing; null for none
     * @param reject         the reject endpoint (else approve)
     */
    Answer apiDecision(String returnId, String cipher, String idempotencyKey, boolean reject, Decision decision) {
        SandboxReturn found = data.findReturn(returnId).orElse(null);
        if (found == null || (cipher != null && !cipher.equals(SandboxAuthorizedShopsApi.cipherOf(found.shopId())))) {
            return new Answer(RETURN_NOT_FOUND, "The return order does not exist");
        }
        if ("IN_PROGRESS".equals(data.arbitrationStatus(returnId))) {
            return new Answer(IN_ARBITRATION, "The return is in arbitration: a platform operator decides it");
        }
        return take("api", returnId, idempotencyKey, reject, decision, true);
    }

    /** Takes a decision as a seller would in Seller Center: the same rules, no key. */
    Answer sellerCenterDecision(String returnId, Decision decision, boolean deliverWebhook) {
        return take("seller-center", returnId, null, REJECTIONS.contains(decision.decision()), decision, deliverWebhook);
    }

    private Answer take(String channel, String returnId, String idempotencyKey, boolean reject, Decision decision,
                        boolean deliverWebhook) {
        SandboxReturn moved;
        Answer answer;
        synchronized (this) {
            if (idempotencyKey != null && answersByKey.containsKey(idempotencyKey)) {
                Answer first = answersByKey.get(idempotencyKey);
                record(returnId, new Call(channel, idempotencyKey, decision.decision(), decision.body(), first.code(),
                        first.message(), true, data.findReturn(returnId).map(SandboxReturn::returnStatus).orElse(null),
                        clock.instant()));
                return first;
            }
            SandboxReturn ret = data.findReturn(returnId).orElse(null);
            answer = ret == null ? new Answer(RETURN_NOT_FOUND, "The return order does not exist") : check(ret, reject, decision);
            moved = answer.ok() ? data.update(returnId, r -> r.withStatus(nextStatus(r, decision), nextUpdateTime(r))).orElseThrow()
                    : null;
            if (idempotencyKey != null) {
                answersByKey.put(idempotencyKey, answer);
            }
            record(returnId, new Call(channel, idempotencyKey, decision.decision(), decision.body(), answer.code(),
                    answer.message(), false, moved != null ? moved.returnStatus()
                    : ret == null ? null : ret.returnStatus(), clock.instant()));
        }
        if (moved != null && deliverWebhook) {
            webhooks.returnStatusChanged(moved, "SELLER");
        }
        return answer;
    }

    /** The buyer ships the items back after an approval; empty when the return does not wait for that. */
    synchronized java.util.Optional<SandboxReturn> buyerShips(String returnId) {
        SandboxReturn ret = data.findReturn(returnId).orElse(null);
        if (ret == null || !"AWAITING_BUYER_SHIP".equals(ret.returnStatus())) {
            return java.util.Optional.empty();
        }
        return data.update(returnId, r -> r.withStatus("BUYER_SHIPPED_ITEM", nextUpdateTime(r)));
    }

    /** The buyer cancels the request; empty once it is decided for good or already cancelled. */
    synchronized java.util.Optional<SandboxReturn> buyerCancels(String returnId) {
        SandboxReturn ret = data.findReturn(returnId).orElse(null);
        if (ret == null || ret.sellerNextAction() == null && !"AWAITING_BUYER_SHIP".equals(ret.returnStatus())) {
            return java.util.Optional.empty();
        }
        String cancelled = "REPLACEMENT".equals(ret.returnType()) ? "REPLACEMENT_REQUEST_CANCEL" : "RETURN_OR_REFUND_REQUEST_CANCEL";
        return data.update(returnId, r -> r.withStatus(cancelled, nextUpdateTime(r)));
    }

    /**
     * The seller's deadline passed: TikTok decides by itself, in the buyer's favour (the request
     * approved, a received package accepted). Empty when TikTok waits for no decision.
     */
    synchronized java.util.Optional<SandboxReturn> tiktokDecides(String returnId) {
        SandboxReturn ret = data.findReturn(returnId).orElse(null);
        String action = ret == null ? null : ret.sellerNextAction();
        if (action == null) {
            return java.util.Optional.empty();
        }
        boolean replacement = "REPLACEMENT".equals(ret.returnType());
        String decided = switch (action) {
            case "SELLER_RESPOND_REFUND" -> "RETURN_OR_REFUND_REQUEST_SUCCESS";
            case "SELLER_RESPOND_RECEIVE_PACKAGE" -> replacement ? "REPLACEMENT_REQUEST_COMPLETE" : "RETURN_OR_REFUND_REQUEST_SUCCESS";
            default -> "AWAITING_BUYER_SHIP"; // SELLER_RESPOND_RETURN, SELLER_RESPOND_REPLACEMENT
        };
        return data.update(returnId, r -> r.withStatus(decided, nextUpdateTime(r)));
    }

    /**
     * TikTok asks the seller again, as after a buyer's appeal or a declined partial-refund offer: a
     * rejected request or an offer waits for the seller's answer to the request again, a rejected
     * package for the seller to confirm it again, and a request still waiting starts anew. Each is a
     * new wait with its own deadline. Empty for a return TikTok would not reopen (cancelled, done).
     */
    synchronized java.util.Optional<SandboxReturn> asksAgain(String returnId) {
        SandboxReturn ret = data.findReturn(returnId).orElse(null);
        if (ret == null) {
            return java.util.Optional.empty();
        }
        String request = "REPLACEMENT".equals(ret.returnType()) ? "REPLACEMENT_REQUEST_PENDING" : "RETURN_OR_REFUND_REQUEST_PENDING";
        String again = switch (ret.returnStatus()) {
            case "REFUND_OR_RETURN_REQUEST_REJECT", "REPLACEMENT_REQUEST_REJECT", "AWAITING_BUYER_RESPONSE" -> request;
            case "REJECT_RECEIVE_PACKAGE" -> "BUYER_SHIPPED_ITEM";
            default -> ret.sellerNextAction() == null ? null : ret.returnStatus();
        };
        if (again == null) {
            return java.util.Optional.empty();
        }
        return data.update(returnId, r -> r.withStatus(again, nextUpdateTime(r)));
    }

    private Answer check(SandboxReturn ret, boolean reject, Decision decision) {
        String status = ret.returnStatus();
        String asked = decision.decision();
        if (CANCELLED.contains(status)) {
            return new Answer(ALREADY_CANCELLED, "The return has been cancelled");
        }
        if (!(reject ? REJECTIONS : APPROVALS).contains(asked)) {
            return new Answer(DECISION_DOES_NOT_MATCH, "The decision " + asked + " does not match the return type");
        }
        if (reject && APPROVED.contains(status) && !"REJECT_RECEIVED_PACKAGE".equals(asked)) {
            return new Answer(ALREADY_APPROVED, "The return has already been approved and cannot be rejected");
        }
        String action = ret.sellerNextAction();
        if (action == null) {
            return "APPROVE_RECEIVED_PACKAGE".equals(asked)
                    ? new Answer(RECEIPT_CANNOT_BE_APPROVED, "The receipt of this return cannot be approved in its current status")
                    : new Answer(STATUS_CANNOT_BE_APPROVED, "The return cannot be processed in its current status " + status);
        }
        if (!DECISIONS_BY_ACTION.get(action).contains(asked)) {
            return "APPROVE_RECEIVED_PACKAGE".equals(asked)
                    ? new Answer(RECEIPT_CANNOT_BE_APPROVED, "The buyer has not shipped the package yet")
                    : new Answer(DECISION_DOES_NOT_MATCH, "The decision " + asked + " does not match the return type "
                    + ret.returnType() + " and its next action " + action);
        }
        if (decision.buyerKeepItem() && (!"APPROVE_RETURN".equals(asked) || !ret.canBuyerKeepItem())) {
            return new Answer(DECISION_DOES_NOT_MATCH, "buyer_keep_item is not allowed for this return and decision");
        }
        if ("OFFER_PARTIAL_REFUND".equals(asked) && decision.partialRefundAmount() == null) {
            return new Answer(DECISION_DOES_NOT_MATCH, "OFFER_PARTIAL_REFUND needs partial_refund.amount");
        }
        if (reject) {
            String reason = decision.rejectReason();
            if (reason != null && retiredReasons.getOrDefault(ret.returnId(), Set.of()).contains(reason)) {
                return new Answer(RETIRED_REJECT_REASON, "The reject reason " + reason + " is no longer available");
            }
            if (reason == null || rejectReasons(ret).stream().noneMatch(r -> r.name().equals(reason))) {
                return new Answer(INVALID_REJECT_REASON, "Invalid reject reason: " + reason);
            }
        }
        return Answer.OK;
    }

    private static String nextStatus(SandboxReturn ret, Decision decision) {
        boolean replacement = "REPLACEMENT".equals(ret.returnType());
        return switch (decision.decision()) {
            case "APPROVE_REFUND" -> "RETURN_OR_REFUND_REQUEST_SUCCESS";
            case "APPROVE_RETURN" -> decision.buyerKeepItem() ? "RETURN_OR_REFUND_REQUEST_SUCCESS" : "AWAITING_BUYER_SHIP";
            case "APPROVE_REPLACEMENT" -> "AWAITING_BUYER_SHIP";
            case "APPROVE_RECEIVED_PACKAGE" -> replacement ? "REPLACEMENT_REQUEST_COMPLETE" : "RETURN_OR_REFUND_REQUEST_SUCCESS";
            case "OFFER_PARTIAL_REFUND" -> "AWAITING_BUYER_RESPONSE";
            case "REJECT_REPLACEMENT" -> "REPLACEMENT_REQUEST_REJECT";
            case "REJECT_RECEIVED_PACKAGE" -> "REJECT_RECEIVE_PACKAGE";
            default -> "REFUND_OR_RETURN_REQUEST_REJECT"; // REJECT_REFUND, REJECT_RETURN
        };
    }

    /** Each change gets a later update_time, even within one second. */
    /** TikTok's arbitration of the case moves on: the return is updated (as TikTok's update_time shows) in its status. */
    synchronized SandboxReturn arbitrates(String returnId, String arbitrationStatus) {
        data.arbitrationStatus(returnId, arbitrationStatus);
        return data.update(returnId, r -> r.withStatus(r.returnStatus(), nextUpdateTime(r))).orElseThrow();
    }

    private long nextUpdateTime(SandboxReturn ret) {
        return Math.max(clock.instant().getEpochSecond(), ret.updateTime() + 1);
    }

    private void record(String returnId, Call call) {
        journal.computeIfAbsent(returnId, id -> new CopyOnWriteArrayList<>()).add(call);
    }

    static List<Map<String, String>> asJson(List<Reason> reasons) {
        List<Map<String, String>> list = new ArrayList<>();
        reasons.forEach(reason -> list.add(Map.of("name", reason.name(), "text", reason.text())));
        return list;
    }
}
