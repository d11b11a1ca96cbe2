package io.returnflow.wms;

/**
 * What a target did about a return's outcome, as the return's {@code wms[].outcome} shows it.
 *
 * @param status what the target shows now, in its own terms ({@code CANCELED}, {@code CLOSED}), or
 *               {@code KEPT} when the target would not follow (its reason in {@code detail})
 * @param detail why, in the target's words; null when it simply followed
 */
public record FollowedOutcome(String status, String detail) {

    /** The status the dead-letter observer records when following failed for good. */
    public static final String FAILED = "FAILED";
    /** The target kept its record as it was: it does not allow what the outcome asks. */
    public static final String KEPT = "KEPT";

    public static FollowedOutcome followed(String status) {
        return new FollowedOutcome(status, null);
    }

    public static FollowedOutcome kept(String why) {
        return new FollowedOutcome(KEPT, why);
    }
}
