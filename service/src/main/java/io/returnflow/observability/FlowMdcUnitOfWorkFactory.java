package io.returnflow.observability;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.springframework.stereotype.Component;

/**
 * Makes every exchange's unit of work a {@link FlowMdcUnitOfWork}. Camel picks up a
 * {@link UnitOfWorkFactory} bean from the registry at start-up.
 */
@Component
class FlowMdcUnitOfWorkFactory implements UnitOfWorkFactory {

    private volatile CamelContext camel;

    @Override
    public void afterPropertiesConfigured(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        CamelContext context = camel != null ? camel : exchange.getContext();
        return new FlowMdcUnitOfWork(exchange, context.getInflightRepository(), context.getMDCLoggingKeysPattern(),
                context.isAllowUseOriginalMessage(), context.isUseBreadcrumb());
    }
}
