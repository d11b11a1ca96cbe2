package io.returnflow.history;

import io.returnflow.observability.FlowContext;
import io.returnflow.partners.PartnerCallListener;

import org.springframework.stereotype.Component;

/**
 * Writes each partner call into the history of the return the calling flow step works on (from
 * the flow context in the MDC). Calls made for no return (OAuth, shop lists) are not written.
 */
@Component
class PartnerCallHistory implements PartnerCallListener {

    private final ReturnHistory history;

    PartnerCallHistory(ReturnHistory history) {
        this.history = history;
    }

    @Override
    public void called(String partner, String operation, String outcome, long latencyMs, Throwable failure) {
        FlowContext where = FlowContext.current();
        if (where.identifiesReturn()) {
            history.partnerCall(where, partner, operation, outcome, latencyMs, failure == null ? null : failure.getMessage());
        }
    }
}
