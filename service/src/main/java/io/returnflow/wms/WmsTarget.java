package io.returnflow.wms;

import io.returnflow.merchants.TargetSection;
import io.returnflow.merchants.TargetSettings;

/**
 * A WMS/3PL target: one package holding this connector (a Spring bean), its settings record and the
 * section that describes them ({@link TargetSection}); its line in {@code app.wms.targets} makes the
 * rest follow ({@link WmsTargets}): its route from the wms-return-authorization template, its queue
 * {@code returns.created.<name>} and dead-letter queue, its section of the merchant document, and
 * its place on the merchant API and the console.
 * <p>
 * Failures follow the shared queue policy: throw {@code RetryLaterException} for work that must wait
 * (429, 5xx, a record not there yet) and {@code PermanentFailureException} (or a
 * {@code PartnerRejectedException} with the partner's words) for a final no; the template records the
 * target FAILED with that reason when the message is dead-lettered. A target that should also follow
 * what happens to the return afterwards implements {@link FollowsReturnOutcome} as well.
 *
 * @param <S> the target's settings record
 */
public interface WmsTarget<S extends TargetSettings> {

    /** The target's name, section of the merchant document and settings. */
    TargetSection<S> section();

    /**
     * Creates the return's Return Authorization unless one exists already (a retry, a redelivery,
     * a replay from the dead-letter queue): look it up by {@link WmsReturn#externalId()} or by what it
     * contains before creating. Called only for a merchant who enabled the target.
     *
     * @param settings     the merchant's settings for this target, secrets in clear
     * @param waitingSince when this message first had to wait (ISO-8601), null on its first try;
     *                     for giving up on something that never appears
     * @return the id the target gave the Return Authorization
     */
    String createReturnAuthorization(WmsReturn ret, S settings, String waitingSince);

    /** The target's name, as a return's {@code wms[].target} shows it. */
    default String name() {
        return section().target();
    }

    /** The settings as this target's own type. */
    @SuppressWarnings("unchecked")
    default S cast(TargetSettings settings) {
        return (S) section().type().cast(settings);
    }
}
