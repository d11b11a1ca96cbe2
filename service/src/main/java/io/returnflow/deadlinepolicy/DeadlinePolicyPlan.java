package io.returnflow.deadlinepolicy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import io.returnflow.returns.ReturnQueries;
import io.returnflow.returns.ReturnState;
import io.returnflow.returns.ReturnView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the merchant's deadline policy will do to one return, and when, and what it did already. */
@Component
class DeadlinePolicyPlan {

    /**
     * @param summary  one sentence for people: what it will do and when, or why nothing
     * @param deadline TikTok's deadline, or null when TikTok waits for nothing
     */
    record Plan(boolean enabled, Instant deadline, String summary, List<Step> warnings, Step decision) {
    }

    /**
     * @param status PLANNED (its time has not come), DUE (this round or the next), SENT, DECIDED,
     *               SKIPPED (the policy would not decide: see detail), NONE (no default decision)
     */
    record Step(String type, Duration before, Instant at, String status, String detail, Instant actedAt) {
    }

    private final ReturnQueries returns;
    private final DeadlinePolicies policies;
    private final JdbcClient db;
    private final Clock clock;

    DeadlinePolicyPlan(ReturnQueries returns, DeadlinePolicies policies, JdbcClient db, Clock clock) {
        this.returns = returns;
        this.policies = policies;
        this.db = db;
        this.clock = clock;
    }

    /** @throws NoSuchElementException the merchant has no such return */
    Plan of(String merchantId, String returnId) {
        ReturnView ret = returns.find(merchantId, returnId).orElseThrow(() -> new NoSuchElementException("no return " + returnId));
        DeadlinePolicy policy = policies.of(merchantId);
        // once decided TikTok waits for nothing (no deadline): what the policy did was for the last one
        Instant deadline = ret.tiktok().deadline() != null ? ret.tiktok().deadline()
                : db.sql("SELECT MAX(deadline_at) FROM deadline_policy_actions WHERE return_id = ?").param(returnId)
                .query(Timestamp.class).list().stream().filter(java.util.Objects::nonNull).findFirst().map(Timestamp::toInstant).orElse(null);
        record Done(String outcome, String detail, Instant at) {
        }
        Map<String, Done> done = deadline == null ? Map.of() : db.sql("""
                        SELECT action, offset_text, outcome, detail, acted_at FROM deadline_policy_actions
                        WHERE return_id = ? AND deadline_at = ?""")
                .params(returnId, Timestamp.from(deadline))
                .query((rs, n) -> Map.entry(rs.getString(1) + "/" + rs.getString(2),
                        new Done(rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant())))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Instant now = clock.instant();
        List<Step> warnings = policy.warnBefore().stream().map(before -> {
            Done d = done.get(DeadlinePolicyRounds.key(DeadlinePolicyRounds.WARN, before));
            Instant at = deadline == null ? null : deadline.minus(before);
            return new Step("WARN", before, at, d != null ? d.outcome() : status(at, now), null, d == null ? null : d.at());
        }).toList();
        DeadlinePolicy.DefaultDecision decision = policy.decision();
        Step decide;
        if (!decision.decides()) {
            decide = new Step(DeadlinePolicy.Kind.NONE.name(), null, null, "NONE", "no default decision: TikTok decides at its deadline",
                    null);
        } else {
            Done d = done.get(DeadlinePolicyRounds.key(DeadlinePolicyRounds.DECIDE, decision.before()));
            Instant at = deadline == null ? null : deadline.minus(decision.before());
            decide = new Step(decision.kind().name(), decision.before(), at, d != null ? d.outcome() : status(at, now),
                    d != null ? d.detail() : PolicyVerdict.of(decision, ret).text(), d == null ? null : d.at());
        }
        return new Plan(policy.enabled(), deadline, summary(policy, ret, decide), warnings, decide);
    }

    private static String status(Instant at, Instant now) {
        return at != null && !now.isBefore(at) ? "DUE" : "PLANNED";
    }

    private static String summary(DeadlinePolicy policy, ReturnView ret, Step decide) {
        if ("DECIDED".equals(decide.status())) {
            return "The deadline policy decided at " + decide.actedAt() + ": " + decide.detail() + ".";
        }
        if (!policy.enabled()) {
            return "The deadline policy is off: nothing is warned or decided by it.";
        }
        if (ret.tiktok().deadline() == null || ret.state() != ReturnState.OPEN) {
            return "TikTok waits for no decision from the merchant now: the deadline policy does nothing.";
        }
        return switch (decide.status()) {
            case "SKIPPED" -> "The deadline policy did not decide (" + decide.detail() + "): the merchant decides, or TikTok does at "
                    + ret.tiktok().deadline() + ".";
            case "NONE" -> "The deadline policy only warns; TikTok decides by itself at " + ret.tiktok().deadline() + ".";
            default -> "At " + decide.at() + " (" + DeadlinePolicyRounds.human(decide.before()) + " before TikTok's deadline) the"
                    + " deadline policy will " + decide.detail().replaceFirst("^not approved", "not approve") + ".";
        };
    }
}
