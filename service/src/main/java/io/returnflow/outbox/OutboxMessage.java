package io.returnflow.outbox;

/** An event waiting in the outbox: where it goes, how it is grouped, what it says. */
public record OutboxMessage(String id, String destination, String groupKey, String payload) {
}
