package io.returnflow.messaging;

import io.returnflow.observability.FlowContext;

/**
 * Told what happened to a message outside its route: it waits on the broker before its next try,
 * or an operator replayed or deleted its dead letter (a message given up on is a
 * {@link DeadLetterObserver}'s). For the history of the return a message is about; messaging itself
 * knows nothing of returns.
 *
 * @see FlowContext#fromHeaders which return a message is about
 */
public interface MessageObserver {

    /** The message goes back to its queue, to be delivered again later. */
    void waiting(FlowContext about, String summary, String reason);

    /** An operator replayed the message's dead letter onto its queue. */
    void replayed(FlowContext about, String summary);

    /** An operator deleted the message's dead letter for good. */
    void deleted(FlowContext about, String summary);
}
