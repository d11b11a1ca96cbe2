package io.returnflow.messaging;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Called by the shared error policy on every failed attempt: counts the attempts and remembers
 * when the first one failed. Kept on the exchange, not the message, because the dead letter is
 * the original message. A message replayed from a dead-letter queue keeps its first failure time.
 */
@Component("failureTally")
public class FailureTally implements Processor {

    static final String ATTEMPTS = "DeadLetterAttempts";
    static final String FIRST_FAILURE_TIME = "DeadLetterFirstFailureTime";

    private final Clock clock;

    public FailureTally(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
        if (exchange.getProperty(FIRST_FAILURE_TIME) == null) {
            String earlier = exchange.getMessage().getHeader(DeadLetterHeaders.FIRST_FAILURE_TIME, String.class);
            exchange.setProperty(FIRST_FAILURE_TIME, earlier != null ? earlier : Instant.now(clock).toString());
        }
    }

    static int attempts(Exchange exchange) {
        return exchange.getProperty(ATTEMPTS, 1, Integer.class);
    }

    static String firstFailureTime(Exchange exchange, String fallback) {
        return exchange.getProperty(FIRST_FAILURE_TIME, fallback, String.class);
    }
}
