package io.returnflow.messaging;

import org.apache.camel.Exchange;

/**
 * Told about every message the shared error policy gives up on, just before it goes to its
 * dead-letter queue, whichever way it got there (a permanent failure, retries exhausted, or waiting
 * given up). For state that must say "failed" once work is dead-lettered, e.g. a WMS target of a
 * return. Runs on the consumer's thread before the dead letter is sent: if an observer throws, the
 * message is not dead-lettered; the consumer's transaction rolls it back onto its queue instead.
 */
public interface DeadLetterObserver {

    /**
     * @param exchange the failed exchange; its message is the original message, its variables and
     *                 properties those the route set before failing
     * @param reason   what the dead letter's {@link DeadLetterHeaders#REASON} says
     */
    void deadLettered(Exchange exchange, String reason);
}
