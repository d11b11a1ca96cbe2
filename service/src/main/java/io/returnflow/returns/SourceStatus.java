package io.returnflow.returns;

import java.time.Instant;

/**
 * The marketplace's view of a return at one moment, in the marketplace's words and in ours.
 *
 * @param updatedAt      the marketplace's own update time: an older view never replaces a newer one
 * @param state          the state the status means, or null when it says nothing about the state
 * @param deadline       until when the marketplace waits for the merchant's next action (then it
 *                       decides by itself); null when it waits for nothing or gave no deadline
 * @param deadlineAction the marketplace's own name of the action the deadline is for, or null
 * @param arbitrationStatus the marketplace's arbitration of the case (TikTok: IN_PROGRESS while a platform
 *                       operator decides it, SUPPORT_BUYER, SUPPORT_SELLER, CLOSED), or null for none
 */
public record SourceStatus(String status, long updatedAt, NextAction nextAction, ReturnState state, Instant deadline,
                           String deadlineAction, String arbitrationStatus) {

    /** TikTok's arbitration_status while a platform operator, not the merchant, decides the case. */
    public static final String ARBITRATION_IN_PROGRESS = "IN_PROGRESS";

    /** A view without a deadline. */
    public SourceStatus(String status, long updatedAt, NextAction nextAction, ReturnState state) {
        this(status, updatedAt, nextAction, state, null, null);
    }

    /** A view of a case nobody arbitrates. */
    public SourceStatus(String status, long updatedAt, NextAction nextAction, ReturnState state, Instant deadline,
                        String deadlineAction) {
        this(status, updatedAt, nextAction, state, deadline, deadlineAction, null);
    }
}
