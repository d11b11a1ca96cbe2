package io.returnflow.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The sandbox buyer asks to cancel an order; a person or a test then sees what the seller decided. */
@RestController
@RequestMapping("/sandbox/tiktok/cancellations")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokCancellationsController {

    private final SandboxCancellations cancellations;
    private final SandboxData data;
    private final SandboxWebhooks webhooks;
    private final SandboxProperties sandbox;

    SandboxTikTokCancellationsController(SandboxCancellations cancellations, SandboxData data, SandboxWebhooks webhooks,
                                         SandboxProperties sandbox) {
        this.cancellations = cancellations;
        this.data = data;
        this.webhooks = webhooks;
        this.sandbox = sandbox;
    }

    /**
     * @param orderId        a TikTok order the sandbox knows (the order of a sandbox return)
     * @param deliverWebhook false to make the request without telling the service (yet)
     */
    record BuyerCancels(String orderId, Boolean deliverWebhook) {
    }

    record Requested(String cancelId, String orderId, String shopId, String cancelStatus, String notificationId,
                     int webhookStatus) {
    }

    /** The buyer asks to cancel the whole order: the sandbox records the request and delivers the type-11 webhook. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Requested buyerCancels(@RequestBody(required = false) BuyerCancels request) {
        if (request == null || request.orderId() == null || request.orderId().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "orderId is required: the TikTok order to cancel");
        }
        String shopId = data.shopOfOrder(request.orderId()).orElse(sandbox.shopId());
        SandboxCancellation cancellation = cancellations.buyerRequests(request.orderId(), shopId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no sandbox order " + request.orderId()));
        if (Boolean.FALSE.equals(request.deliverWebhook())) {
            return new Requested(cancellation.cancelId(), cancellation.orderId(), shopId, cancellation.cancelStatus(), null, 0);
        }
        SandboxWebhooks.Delivery delivery = webhooks.cancellationStatusChanged(cancellation, "BUYER");
        return new Requested(cancellation.cancelId(), cancellation.orderId(), shopId, cancellation.cancelStatus(),
                delivery.notificationId(), delivery.status());
    }

    record Options(Boolean deliverWebhook) {
    }

    /** The buyer withdraws the request before the seller answered: TikTok closes it (and tells the service, unless told not to). */
    @PostMapping("/{cancelId}/withdraw")
    Map<String, Object> buyerWithdraws(@PathVariable String cancelId, @RequestBody(required = false) Options options) {
        find(cancelId);
        SandboxCancellation withdrawn = cancellations.buyerWithdraws(cancelId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.CONFLICT, "only a pending cancellation request can be withdrawn"));
        if (options == null || !Boolean.FALSE.equals(options.deliverWebhook())) {
            webhooks.cancellationStatusChanged(withdrawn, "BUYER");
        }
        return show(cancelId);
    }

    private SandboxCancellation find(String cancelId) {
        return data.findCancellation(cancelId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no sandbox cancellation " + cancelId));
    }

    @GetMapping("/{cancelId}")
    Map<String, Object> show(@PathVariable String cancelId) {
        SandboxCancellation cancellation = find(cancelId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cancelId", cancellation.cancelId());
        view.put("orderId", cancellation.orderId());
        view.put("shopId", cancellation.shopId());
        view.put("cancelStatus", cancellation.cancelStatus());
        view.put("sellerNextAction", cancellation.sellerNextAction());
        view.put("updateTime", cancellation.updateTime());
        view.put("deadline", cancellations.deadlineOf(cancellation));
        view.put("rejectReasons", SandboxReturnDecisions.asJson(cancellations.rejectReasons(cancellation)));
        view.put("decisionCalls", cancellations.calls(cancelId));
        return view;
    }
}
