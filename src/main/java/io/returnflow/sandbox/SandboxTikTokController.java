package io.returnflow.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sandbox TikTok Shop: a newcomer's way to make a buyer ask for a return and watch the
 * service receive the signed webhook, without a TikTok account.
 */
@RestController
@RequestMapping("/sandbox/tiktok")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokController {

    private static final Set<String> RETURN_TYPES = Set.of("REFUND", "RETURN_AND_REFUND", "REPLACEMENT");

    private final Map<String, SandboxReturn> returns = new ConcurrentHashMap<>();
    private final SandboxWebhooks webhooks;
    private final SandboxProperties sandbox;
    private final Clock clock;

    SandboxTikTokController(SandboxWebhooks webhooks, SandboxProperties sandbox, Clock clock) {
        this.webhooks = webhooks;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    record SimulatedReturn(String returnType, Integer items) {
    }

    record SimulatedReturnCreated(String returnId, String orderId, String shopId, String returnType,
                                  String notificationId, int webhookStatus) {
    }

    /** A buyer asks for a return: the sandbox creates it and delivers the type-12 webhook. */
    @PostMapping("/returns")
    @ResponseStatus(HttpStatus.CREATED)
    SimulatedReturnCreated simulateReturn(@RequestBody(required = false) SimulatedReturn request) {
        String type = request == null || request.returnType() == null ? "RETURN_AND_REFUND" : request.returnType();
        if (!RETURN_TYPES.contains(type)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "returnType must be one of " + RETURN_TYPES);
        }
        int items = request == null || request.items() == null ? 1 : request.items();
        if (items < 1 || items > 20) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "items must be between 1 and 20");
        }
        long now = clock.instant().getEpochSecond();
        String orderId = SandboxWebhooks.SandboxIds.next();
        List<SandboxReturn.LineItem> lines = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            lines.add(new SandboxReturn.LineItem(SandboxWebhooks.SandboxIds.next(), SandboxWebhooks.SandboxIds.next(),
                    "SBX-TEE-" + (i % 2 == 0 ? "BLK-M" : "WHT-L"), "Sandbox tee", "12.50", "USD"));
        }
        String status = "REPLACEMENT".equals(type) ? "REPLACEMENT_REQUEST_PENDING" : "RETURN_OR_REFUND_REQUEST_PENDING";
        SandboxReturn ret = new SandboxReturn(SandboxWebhooks.SandboxIds.next(), orderId, sandbox.shopId(), type,
                status, now, now, List.copyOf(lines));
        returns.put(ret.returnId(), ret);
        SandboxWebhooks.Delivery delivery = webhooks.returnStatusChanged(ret);
        return new SimulatedReturnCreated(ret.returnId(), ret.orderId(), ret.shopId(), type,
                delivery.notificationId(), delivery.status());
    }
}
