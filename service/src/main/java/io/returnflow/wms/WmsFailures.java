package io.returnflow.wms;

import io.returnflow.messaging.DeadLetterObserver;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a WMS target FAILED, with the dead letter's reason, when its work is dead-lettered: a
 * permanent failure, retries exhausted, or waiting given up. Designed once for every target: the
 * route templates set {@link #TARGET} and {@link #RETURN} (wms-return-authorization) or
 * {@link #OUTCOME} (wms-return-outcome: the outcome FAILED, the Return Authorization stays as it
 * is) on the exchange, and the shared error policy tells this observer about every dead letter.
 * Exchanges without them (other routes) are none of its business.
 */
@Component
public class WmsFailures implements DeadLetterObserver {

    /** Exchange variable: the target's name, as the return shows it. */
    public static final String TARGET = "wmsTarget";
    /** Exchange variable: the {@link WmsReturn} being worked on. */
    public static final String RETURN = "wmsReturn";
    /** Exchange variable: the {@link WmsOutcome} being followed. */
    public static final String OUTCOME = "wmsOutcome";


    private static final Logger log = LoggerFactory.getLogger(WmsFailures.class);

    private final WmsStatus status;

    public WmsFailures(WmsStatus status) {
        this.status = status;
    }

    @Override
    public void deadLettered(Exchange exchange, String reason) {
        String target = exchange.getVariable(TARGET, String.class);
        if (target == null) {
            return;
        }
        if (exchange.getVariable(OUTCOME) instanceof WmsOutcome outcome) {
            status.outcomeFailed(outcome.returnId(), target, reason);
            log.warn("Return {}: following its outcome in {} FAILED: {}", outcome.returnId(), target, reason);
            return;
        }
        if (!(exchange.getVariable(RETURN) instanceof WmsReturn wmsReturn)) {
            return;
        }
        status.failed(wmsReturn.returnId(), target, reason);
        log.warn("Return {}: {} Return Authorization FAILED: {}", wmsReturn.returnId(), target, reason);
    }
}
