package io.returnflow.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a return's history as {@code GET /api/returns/{id}/events} shows it. Partner calls
 * fill {@code partner}, {@code operation}, {@code outcome} and {@code latencyMs}; events received
 * fill {@code notificationId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnEvent(
        Instant at,
        ReturnEventKind kind,
        String summary,
        String notificationId,
        String partner,
        String operation,
        String outcome,
        Long latencyMs,
        String detail) {
}
