package io.returnflow.observability;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.engine.MDCUnitOfWork;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;

/**
 * Camel's MDC unit of work (exchange, route, transaction ids) plus the flow's own keys read from
 * the message headers before every step: a header a step sets (e.g. {@code MerchantId} once the
 * shop is resolved) is in the MDC from the next step on.
 */
class FlowMdcUnitOfWork extends MDCUnitOfWork {

    private final InflightRepository inflight;
    private final String pattern;
    private final boolean allowUseOriginalMessage;
    private final boolean useBreadcrumb;

    FlowMdcUnitOfWork(Exchange exchange, InflightRepository inflight, String pattern,
                      boolean allowUseOriginalMessage, boolean useBreadcrumb) {
        super(exchange, inflight, pattern, allowUseOriginalMessage, useBreadcrumb);
        this.inflight = inflight;
        this.pattern = pattern;
        this.allowUseOriginalMessage = allowUseOriginalMessage;
        this.useBreadcrumb = useBreadcrumb;
    }

    @Override
    protected void prepareMDC(Exchange exchange) {
        super.prepareMDC(exchange);
        Message message = exchange.getMessage();
        FlowContext.fromHeaders(message::getHeader).putIntoMdc();
    }

    // Camel clears its own keys after every step; the flow's keys stay until the exchange is done,
    // so that an error handler redelivering a step (which does not prepare the MDC again) still
    // runs with them. The next step, or the next exchange on this thread, sets them afresh.

    @Override
    public void done(Exchange exchange) {
        super.done(exchange);
        FlowContext.clearMdc();
    }

    @Override
    public void reset() {
        super.reset();
        FlowContext.clearMdc();
    }

    @Override
    public void stop() {
        super.stop();
        FlowContext.clearMdc();
    }

    @Override
    public UnitOfWork newInstance(Exchange exchange) {
        return new FlowMdcUnitOfWork(exchange, inflight, pattern, allowUseOriginalMessage, useBreadcrumb);
    }
}
