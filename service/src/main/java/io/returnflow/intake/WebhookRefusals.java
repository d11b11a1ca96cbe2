package io.returnflow.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Logs and counts every refused webhook by reason, then shapes the HTTP answer: status only, no body. */
@Component
public class WebhookRefusals {

    private static final Logger log = LoggerFactory.getLogger(WebhookRefusals.class);

    private final MeterRegistry registry;

    public WebhookRefusals(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(WebhookRefusedException refusal) {
        log.warn("TikTok webhook refused with {} ({}): {}", refusal.status(), refusal.reason(), refusal.getMessage());
        Counter.builder("webhook.refusals")
                .description("TikTok webhooks refused, by reason")
                .tag("reason", refusal.reason())
                .register(registry)
                .increment();
    }

    /** Used by the intake route's error policy. */
    public void answer(Exchange exchange) {
        WebhookRefusedException refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WebhookRefusedException.class);
        record(refusal);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.status());
        exchange.getMessage().setBody("");
    }
}
