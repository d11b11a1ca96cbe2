package io.returnflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.returnflow.observability.FlowContext;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.ObjectHelper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Plans the next try of work that has to wait ({@link RetryLaterException}, an open circuit): the
 * same message goes back to its own queue for delivery after a growing delay (Artemis scheduled
 * delivery), or, once the wait exceeds {@code app.retry.later.give-up-after}, to its dead-letter
 * queue. Sets {@link #TARGET} to the JMS endpoint the route sends to ({@code queue:...} or, for a
 * queue of a multicast address, {@code topic:address::queue}; see {@link Queues#endpointOf}).
 */
@Component("laterDelivery")
public class LaterDelivery {

    public static final String ATTEMPT = "RetryLaterAttempt";
    public static final String SINCE = "RetryLaterSince";
    public static final String TARGET = "RetryLaterTarget";
    /** Artemis: deliver not before this epoch-millisecond time. */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    /** Artemis duplicate detection would drop the message we are putting back. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final RetryLaterProperties retry;
    private final DeadLetterAnnotator deadLetters;
    private final Clock clock;
    private final ObjectProvider<MessageObserver> observers;

    public LaterDelivery(RetryLaterProperties retry, DeadLetterAnnotator deadLetters, Clock clock,
                         ObjectProvider<MessageObserver> observers) {
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.observers = observers;
    }

    public void plan(Exchange exchange) {
        Message message = exchange.getMessage();
        Instant now = clock.instant();
        int attempt = message.getHeader(ATTEMPT, 0, Integer.class) + 1;
        Instant since = Instant.parse(message.getHeader(SINCE, now.toString(), String.class));
        message.removeHeader(DUPLICATE_ID);

        if (Duration.between(since, now).compareTo(retry.giveUpAfter()) > 0) {
            deadLetters.process(exchange);
            deadLetters.announce(exchange);
            message.setHeader(TARGET, Queues.endpointOf(message.getHeader(DeadLetterHeaders.QUEUE, String.class)));
            return;
        }
        Duration delay = jittered(max(retry.delayBefore(attempt), hint(exchange)));
        message.setHeader(ATTEMPT, attempt);
        message.setHeader(SINCE, since.toString());
        message.setHeader(SCHEDULED_DELIVERY, now.plus(delay).toEpochMilli());
        message.setHeader(TARGET, Queues.endpointOf(DeadLetterAnnotator.originalQueue(exchange)));
        RetryLaterException reason = retryLater(exchange);
        String summary = "Waiting " + readable(delay) + " before trying again (wait " + attempt + ", waiting since " + since + ")";
        FlowContext about = FlowContext.fromHeaders(message::getHeader);
        observers.orderedStream().forEach(observer -> observer.waiting(about, summary, reason == null ? null : reason.getMessage()));
    }

    /** The partner's hint, also when Camel wrapped the exception (a bean called from an expression). */
    private static Duration hint(Exchange exchange) {
        RetryLaterException later = retryLater(exchange);
        return later == null ? null : later.retryAfter();
    }

    private static RetryLaterException retryLater(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return ObjectHelper.getException(RetryLaterException.class, caught);
    }

    private static String readable(Duration delay) {
        return delay.toMillis() < 10_000 ? delay.toMillis() + " ms" : delay.toSeconds() + " s";
    }

    private static Duration max(Duration planned, Duration hint) {
        return hint != null && hint.compareTo(planned) > 0 ? hint : planned;
    }

    /** Up to 20% more, so that work that failed together does not come back together. */
    private static Duration jittered(Duration delay) {
        return delay.plusMillis((long) (delay.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }
}
