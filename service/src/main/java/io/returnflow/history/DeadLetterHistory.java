package io.returnflow.history;

import io.returnflow.messaging.DeadLetterHeaders;
import io.returnflow.messaging.DeadLetterObserver;
import io.returnflow.observability.FlowContext;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** Writes into the history of the return a message is about that the message was dead-lettered, and why. */
@Component
class DeadLetterHistory implements DeadLetterObserver {

    private final ReturnHistory history;

    DeadLetterHistory(ReturnHistory history) {
        this.history = history;
    }

    @Override
    public void deadLettered(Exchange exchange, String reason) {
        Message message = exchange.getMessage();
        history.record(FlowContext.fromHeaders(message::getHeader), ReturnEventKind.DEAD_LETTERED,
                "Parked in " + message.getHeader(DeadLetterHeaders.QUEUE) + " after "
                        + message.getHeader(DeadLetterHeaders.ATTEMPTS) + " attempt(s)", reason);
    }
}
