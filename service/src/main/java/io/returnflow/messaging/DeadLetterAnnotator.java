package io.returnflow.messaging;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.jms.JmsEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Called by the shared error policy once retries are exhausted, just before the original message
 * goes to {@code DLQ.<queue>}: writes down where it came from, why it failed, after how many
 * attempts and since when, so an operator can judge and replay it. {@link #announce} then tells
 * every {@link DeadLetterObserver}.
 */
@Component("deadLetterAnnotator")
public class DeadLetterAnnotator implements Processor {

    private static final int MAX_REASON_LENGTH = 2000;

    private final Clock clock;
    private final ObjectProvider<DeadLetterObserver> observers;

    public DeadLetterAnnotator(Clock clock, ObjectProvider<DeadLetterObserver> observers) {
        this.clock = clock;
        this.observers = observers;
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

    /**
     * Tells every {@link DeadLetterObserver} that the exchange's message goes to its dead-letter
     * queue now. Called where that really happens: the dead-letter route, and
     * {@link LaterDelivery} when waiting is given up. (Not from {@link #process}: the error policy
     * also prepares messages that it puts back on their queue to wait.)
     */
    public void announce(Exchange exchange) {
        String reason = exchange.getMessage().getHeader(DeadLetterHeaders.REASON, "unknown", String.class);
        observers.orderedStream().forEach(observer -> observer.deadLettered(exchange, reason));
    }

    /**
     * The failure itself rather than Camel's wrapper around it: a bean called from an expression
     * (e.g. {@code setVariable} with {@code method}) fails as a RuntimeBeanExpressionException whose
     * cause is what the bean threw.
     */
    static Throwable unwrapped(Throwable failure) {
        Throwable current = failure;
        while (current instanceof RuntimeCamelException && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    static String originalQueue(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        if (from instanceof JmsEndpoint jms) {
            return jms.getDestinationName();
        }
        return exchange.getFromRouteId();
    }

    private static String reason(Throwable caught) {
        if (caught == null) {
            return "unknown";
        }
        Throwable failure = unwrapped(caught);
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }
}
