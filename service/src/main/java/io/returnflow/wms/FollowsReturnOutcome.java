package io.returnflow.wms;

import io.returnflow.merchants.TargetSettings;

/**
 * Optional for a {@link WmsTarget}: it also follows what the marketplace says of a return after its
 * Return Authorization was made (cancelled, rejected, completed), e.g. to close or cancel it in the
 * target too. A target implementing this gets a second route from the wms-return-outcome template
 * and a queue of its own, {@code returns.changed.<name>}, on the "return status changed" address;
 * the others never hear of status changes.
 * <p>
 * Called once the target's Return Authorization is CREATED (the route waits for it while it is
 * being made), for every status change of the return, in order, and again on redeliveries: be
 * idempotent (a second cancel of a cancelled record is "done", not an error). Failures follow the
 * shared queue policy, as for creation; when the message is dead-lettered the outcome shows FAILED.
 *
 * @param <S> the target's settings record
 */
public interface FollowsReturnOutcome<S extends TargetSettings> {

    /**
     * @param externalId the id the target gave the Return Authorization
     * @return what the target shows now, for the return's {@code wms[].outcome}; null when this
     *         status asks nothing of the target
     */
    FollowedOutcome follow(WmsOutcome outcome, String externalId, S settings);
}
