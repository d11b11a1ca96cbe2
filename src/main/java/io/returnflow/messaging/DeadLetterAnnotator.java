package io.returnflow.messaging;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsEndpoint;
import org.springframework.stereotype.Component;

/**
 * Called by the shared error policy once retries are exhausted, just before the original message
 * goes to {@code DLQ.<queue>}: writes down where it came from, why it failed, after how many
 * attempts and since when, so an operator can judge and replay it.
 */
@Component("deadLetterAnnotator")
public class DeadLetterAnnotator implements Processor {

    private static final int MAX_REASON_LENGTH = 2000;

    private final Clock clock;

    public DeadLetterAnnotator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String now = Instant.now(clock).toString();

        String originalQueue = originalQueue(exchange);
        message.setHeader(DeadLetterHeaders.ORIGINAL_QUEUE, originalQueue);
        message.setHeader(DeadLetterHeaders.QUEUE, Queues.deadLetterQueueOf(originalQueue));
        message.setHeader(DeadLetterHeaders.REASON, reason(failure));
        message.setHeader(DeadLetterHeaders.ATTEMPTS, FailureTally.attempts(exchange));
        message.setHeader(DeadLetterHeaders.FIRST_FAILURE_TIME, FailureTally.firstFailureTime(exchange, now));
        message.setHeader(DeadLetterHeaders.LAST_FAILURE_TIME, now);
    }

    static String originalQueue(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        if (from instanceof JmsEndpoint jms) {
            return jms.getDestinationName();
        }
        return exchange.getFromRouteId();
    }

    private static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }
}
