package io.returnflow.intake;

import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The queues the webhook intake may send to: the values of {@code app.webhooks.queues}, nothing
 * else. The reader picks the queue of an event's type from that map, and the send checks it once
 * more, so no value that reaches the exchange by another way (a header, a variable set by a later
 * change) can send a webhook to a queue that is not a webhook queue.
 */
@Component("intakeQueues")
public class IntakeQueues {

    private final IntakeProperties intake;
    private final Set<String> allowed;

    public IntakeQueues(IntakeProperties intake) {
        this.intake = intake;
        this.allowed = Set.copyOf(intake.queues().values());
    }

    /** The queue of a webhook type, or null for a type no flow handles. */
    String queueFor(int eventType) {
        return intake.queues().get(eventType);
    }

    /** Fails the send (503: nothing queued) unless the intake may send to the queue. */
    public void check(String queue) {
        if (queue == null || !allowed.contains(queue)) {
            throw new IllegalStateException("the webhook intake may not send to queue " + queue
                    + " (app.webhooks.queues allows " + allowed + ")");
        }
    }
}
