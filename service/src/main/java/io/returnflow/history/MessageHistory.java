package io.returnflow.history;

import io.returnflow.messaging.MessageObserver;
import io.returnflow.observability.FlowContext;

import org.springframework.stereotype.Component;

/** Writes into the history of the return a message is about that it waits for its next try, or what an operator did with its dead letter. */
@Component
class MessageHistory implements MessageObserver {

    private final ReturnHistory history;

    MessageHistory(ReturnHistory history) {
        this.history = history;
    }

    @Override
    public void waiting(FlowContext about, String summary, String reason) {
        history.record(about, ReturnEventKind.WAITING, summary, reason);
    }

    @Override
    public void replayed(FlowContext about, String summary) {
        history.record(about, ReturnEventKind.REPLAYED, summary, null);
    }

    @Override
    public void deleted(FlowContext about, String summary) {
        history.record(about, ReturnEventKind.DEAD_LETTERED, summary, null);
    }
}
