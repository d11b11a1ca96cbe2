package io.returnflow.deadlinepolicy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A merchant's deadline policy, checked: warn {@code warnBefore} each TikTok deadline, and decide by
 * itself {@code decision.before} it, so the merchant's own rule decides instead of TikTok's default.
 *
 * @param enabled    off: nothing is warned or decided (what was already done stays)
 * @param warnBefore how long before the deadline to warn the merchant, longest first; may be empty
 */
public record DeadlinePolicy(boolean enabled, List<Duration> warnBefore, DefaultDecision decision) {

    public static final DeadlinePolicy OFF = new DeadlinePolicy(false, List.of(), DefaultDecision.NONE);

    /** What the policy decides on an open return. */
    public enum Kind {
        /** Nothing: the merchant decides, or TikTok does at the deadline. */
        NONE,
        /** Approve every item when the return's refund is at most {@code maxRefund} (same currency); else leave it. */
        APPROVE_UP_TO,
        /** Reject every item with {@code rejectReason}, one of the return's TikTok reject reasons. */
        REJECT
    }

    /**
     * @param before       how long before the deadline it decides; null for NONE
     * @param maxRefund    APPROVE_UP_TO: the largest refund approved, in {@code currency}
     * @param rejectReason REJECT: TikTok's reject reason name
     */
    public record DefaultDecision(Kind kind, Duration before, BigDecimal maxRefund, String currency, String rejectReason) {
        public static final DefaultDecision NONE = new DefaultDecision(Kind.NONE, null, null, null, null);

        public boolean decides() {
            return kind != Kind.NONE;
        }
    }

    public boolean decides() {
        return enabled && decision.decides();
    }
}
