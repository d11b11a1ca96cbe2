package io.returnflow.returns;

import java.util.List;

import io.returnflow.history.ReturnEvent;
import io.returnflow.history.ReturnHistory;
import io.returnflow.security.ApiPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A return's history, oldest first: events received, partner calls with outcome and latency,
 * decisions, syncs, waits and dead letters. Same access rules as the return itself.
 */
@RestController
class ReturnEventsController {

    private static final int MAX_EVENTS = 1000;

    private final ReturnQueries returns;
    private final ReturnHistory history;

    ReturnEventsController(ReturnQueries returns, ReturnHistory history) {
        this.returns = returns;
        this.history = history;
    }

    record ReturnEvents(String returnId, List<ReturnEvent> events) {
    }

    @GetMapping("/api/returns/{returnId}/events")
    ReturnEvents events(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String returnId,
                        @RequestParam(required = false) String merchantId,
                        @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_EVENTS);
        }
        ReturnView ret = returns.find(Callers.merchantOf(caller, merchantId), returnId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no return " + returnId));
        return new ReturnEvents(ret.id(), history.of(ret.id(), ret.tiktok().shopId(), ret.tiktok().returnId(), limit));
    }
}
