package io.returnflow.returns;

import java.time.Instant;

/**
 * The "return decided" event: the merchant decided on a return, and the decision waits to reach the
 * marketplace. Published through the outbox to the multicast address {@value #ADDRESS}; the
 * marketplace sync consumes its own queue of it, and later consumers (labels, WMS) may add theirs.
 * The decision itself is read from the database by its id: the event is a trigger.
 */
public record ReturnDecided(
        String decisionId,
        String returnId,
        String merchantId,
        ReturnSource source,
        String sourceAccountId,
        String sourceReturnId,
        Verdict verdict,
        NextAction answers,
        Instant decidedAt) {

    public static final String ADDRESS = "returns.decided";
}
