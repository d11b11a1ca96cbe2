package io.returnflow.wms;

import io.returnflow.merchants.Merchant;

/**
 * What a WMS/3PL target does for the shared route template (routes/wms-return-authorization.camel.yaml):
 * say whether a merchant uses it, and create a return's Return Authorization there exactly once.
 * Failures follow the shared queue policy: throw {@code RetryLaterException} for work that must wait
 * (429, 5xx, a record not there yet) and {@code PermanentFailureException} for a final no; the
 * template records the target FAILED when the message is dead-lettered.
 */
public interface WmsConnector {

    /** Whether the merchant has turned this target on; when not, the return shows it SKIPPED. */
    boolean enabledFor(Merchant merchant);

    /**
     * Creates the return's Return Authorization unless one exists already (a retry, a redelivery,
     * a replay from the dead-letter queue): look it up by {@link WmsReturn#externalId()} or by
     * what it contains before creating.
     *
     * @param waitingSince when this message first had to wait (ISO-8601), null on its first try;
     *                     for giving up on something that never appears
     * @return the id the target gave the Return Authorization
     */
    String createReturnAuthorization(WmsReturn ret, Merchant merchant, String waitingSince);
}
