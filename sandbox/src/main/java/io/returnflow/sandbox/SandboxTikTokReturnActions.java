package io.returnflow.sandbox;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What happens to a sandbox TikTok return after it was asked for, for demos and tests: look at it
 * (status and the decision calls it got), the buyer ships it back or cancels it, the seller decides
 * in Seller Center, TikTok retires a reject reason, moves a deadline, decides by itself once it
 * passed, or asks the seller again. Each change delivers the type-12 webhook, unless
 * {@code "deliverWebhook": false} (the service then hears of it only when it re-reads the return).
 */
@RestController
@RequestMapping("/sandbox/tiktok/returns/{returnId}")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokReturnActions {

    private final SandboxData data;
    private final SandboxReturnDecisions decisions;
    private final SandboxWebhooks webhooks;
    private final ObjectMapper json;
    private final SandboxDeadlines deadlines;
    private final Clock clock;

    SandboxTikTokReturnActions(SandboxData data, SandboxReturnDecisions decisions, SandboxWebhooks webhooks,
                               ObjectMapper json, SandboxDeadlines deadlines, Clock clock) {
        this.data = data;
        this.decisions = decisions;
        this.webhooks = webhooks;
        this.json = json;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** @param in the seller's deadline from now (ISO-8601, e.g. PT10M; negative: already passed) */
    record NewDeadline(String in) {
    }

    /** @param deliverWebhook false: change the return without telling the service */
    record Options(Boolean deliverWebhook) {
        boolean deliver() {
            return !Boolean.FALSE.equals(deliverWebhook);
        }
    }

    /**
     * A seller's decision in Seller Center.
     *
     * @param decision      e.g. APPROVE_RETURN, REJECT_REFUND
     * @param partialRefund the amount of an OFFER_PARTIAL_REFUND
     */
    record SellerCenterDecision(String decision, String rejectReason, Boolean buyerKeepItem, String partialRefund,
                                Boolean deliverWebhook) {
    }

    @GetMapping
    Map<String, Object> show(@PathVariable String returnId) {
        SandboxReturn ret = find(returnId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("returnId", ret.returnId());
        view.put("orderId", ret.orderId());
        view.put("shopId", ret.shopId());
        view.put("returnType", ret.returnType());
        view.put("returnStatus", ret.returnStatus());
        view.put("sellerNextAction", ret.sellerNextAction());
        view.put("updateTime", ret.updateTime());
        view.put("deadline", deadlines.deadlineOf(ret));
        view.put("rejectReasons", SandboxReturnDecisions.asJson(decisions.rejectReasons(ret)));
        view.put("decisionCalls", decisions.calls(returnId));
        return view;
    }

    /** The buyer ships the items back (after the return was approved): TikTok waits for the seller to confirm receipt. */
    @PostMapping("/ship")
    Map<String, Object> buyerShips(@PathVariable String returnId, @RequestBody(required = false) Options options) {
        find(returnId);
        SandboxReturn shipped = decisions.buyerShips(returnId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.CONFLICT, "the buyer ships only once the return is approved (AWAITING_BUYER_SHIP)"));
        return changed(shipped, "BUYER", options);
    }

    /** The buyer cancels the return. */
    @PostMapping("/cancel")
    Map<String, Object> buyerCancels(@PathVariable String returnId, @RequestBody(required = false) Options options) {
        find(returnId);
        SandboxReturn cancelled = decisions.buyerCancels(returnId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.CONFLICT, "the return can no longer be cancelled"));
        return changed(cancelled, "BUYER", options);
    }

    /** The seller decides in TikTok Seller Center instead of through the service. */
    @PostMapping("/seller-center")
    Map<String, Object> sellerCenter(@PathVariable String returnId, @RequestBody SellerCenterDecision request) {
        find(returnId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", request.decision());
        if (request.rejectReason() != null) {
            body.put("reject_reason", request.rejectReason());
        }
        if (Boolean.TRUE.equals(request.buyerKeepItem())) {
            body.put("buyer_keep_item", true);
        }
        if (request.partialRefund() != null) {
            body.put("partial_refund", Map.of("amount", request.partialRefund(), "currency", "USD"));
        }
        JsonNode asNode = json.valueToTree(body);
        SandboxReturnDecisions.Answer answer = decisions.sellerCenterDecision(returnId,
                SandboxReturnDecisions.Decision.of(asNode, body), !Boolean.FALSE.equals(request.deliverWebhook()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", answer.code());
        view.put("message", answer.message());
        view.put("returnStatus", find(returnId).returnStatus());
        return view;
    }

    /**
     * TikTok moves the seller's deadline for what it waits for now (no webhook: the service sees it
     * when it next reads the return).
     */
    @PostMapping("/deadline")
    Map<String, Object> deadline(@PathVariable String returnId, @RequestBody NewDeadline request) {
        SandboxReturn ret = find(returnId);
        if (ret.sellerNextAction() == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "TikTok waits for no seller action on this return ("
                    + ret.returnStatus() + ")");
        }
        if (request == null || request.in() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give \"in\": the deadline from now, e.g. PT10M");
        }
        deadlines.fix(ret, clock.instant().getEpochSecond() + SandboxTikTokController.duration(request.in()).toSeconds());
        return show(returnId);
    }

    /** The seller's deadline passed: TikTok decides by itself, for the buyer. */
    @PostMapping("/deadline-passes")
    Map<String, Object> deadlinePasses(@PathVariable String returnId, @RequestBody(required = false) Options options) {
        SandboxReturn ret = find(returnId);
        Long deadline = deadlines.deadlineOf(ret);
        if (deadline == null || deadline > clock.instant().getEpochSecond()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, deadline == null
                    ? "TikTok waits for no seller action on this return (" + ret.returnStatus() + ")"
                    : "the deadline " + java.time.Instant.ofEpochSecond(deadline) + " has not passed yet");
        }
        SandboxReturn decided = decisions.tiktokDecides(returnId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.CONFLICT, "TikTok waits for no seller action on this return"));
        return changed(decided, "SYSTEM", options);
    }

    /** TikTok asks the seller again (an appeal, a declined offer, a renewed request): a new wait, a new deadline. */
    @PostMapping("/ask-again")
    Map<String, Object> asksAgain(@PathVariable String returnId, @RequestBody(required = false) Options options) {
        find(returnId);
        SandboxReturn again = decisions.asksAgain(returnId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.CONFLICT, "TikTok does not reopen a return in its status " + find(returnId).returnStatus()));
        return changed(again, "SYSTEM", options);
    }

    /**
     * @param status         TikTok's arbitration_status: IN_PROGRESS, SUPPORT_BUYER, SUPPORT_SELLER, CLOSED
     * @param deliverWebhook false: change the return without telling the service
     */
    record Arbitration(String status, Boolean deliverWebhook) {
    }

    /**
     * The buyer (or seller) asked TikTok to arbitrate, or the arbitration moved on: while IN_PROGRESS
     * decisions answer 25011010. The return's update_time moves, and (unless told not to) the type-12
     * webhook is delivered, as for any change of the case.
     */
    @PostMapping("/arbitration")
    Map<String, Object> arbitration(@PathVariable String returnId, @RequestBody Arbitration request) {
        find(returnId);
        if (request == null || request.status() == null
                || !Set.of("IN_PROGRESS", "SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED").contains(request.status())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be IN_PROGRESS, SUPPORT_BUYER, SUPPORT_SELLER or CLOSED");
        }
        SandboxReturn arbitrated = decisions.arbitrates(returnId, request.status());
        Map<String, Object> view = changed(arbitrated, "SYSTEM", new Options(request.deliverWebhook()));
        view.put("arbitrationStatus", request.status());
        return view;
    }

    /** TikTok no longer offers this reject reason for the return. */
    @PostMapping("/reject-reasons/{reasonName}/retire")
    List<Map<String, String>> retire(@PathVariable String returnId, @PathVariable String reasonName) {
        SandboxReturn ret = find(returnId);
        decisions.retire(returnId, reasonName);
        return SandboxReturnDecisions.asJson(decisions.rejectReasons(ret));
    }

    private Map<String, Object> changed(SandboxReturn ret, String role, Options options) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("returnId", ret.returnId());
        view.put("returnStatus", ret.returnStatus());
        view.put("sellerNextAction", ret.sellerNextAction());
        if (options == null || options.deliver()) {
            SandboxWebhooks.Delivery delivery = webhooks.returnStatusChanged(ret, role);
            view.put("notificationId", delivery.notificationId());
            view.put("webhookStatus", delivery.status());
        }
        return view;
    }

    private SandboxReturn find(String returnId) {
        return data.findReturn(returnId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no sandbox return " + returnId));
    }
}
