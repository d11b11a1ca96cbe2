package io.returnflow.deadlinepolicy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.history.ReturnEventKind;
import io.returnflow.history.ReturnHistory;
import io.returnflow.notifications.MerchantNotices;
import io.returnflow.notifications.NoticeKind;
import io.returnflow.returns.DecisionRefusedException;
import io.returnflow.returns.ReturnDecisions;
import io.returnflow.returns.ReturnQueries;
import io.returnflow.returns.ReturnState;
import io.returnflow.returns.ReturnView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deadline-policy route's rounds: finds the open returns whose policy times have come (a
 * warning {@code warnBefore} the deadline, the default decision {@code before} it), computed from
 * the merchant's policy as it is now, so a policy turned off or changed acts on nothing it no longer
 * says. Each action claims its row in {@code deadline_policy_actions} in the same transaction as its
 * notice or decision: two instances, or a round run again after a restart, act once.
 */
@Component("deadlinePolicy")
public class DeadlinePolicyRounds {

    private static final Logger log = LoggerFactory.getLogger(DeadlinePolicyRounds.class);

    static final String WARN = "WARN";
    static final String DECIDE = "DECIDE";

    /**
     * Work due on one return.
     *
     * @param warnings     the warnings due and not given yet, longest first
     * @param decideBefore the default decision's offset when it is due and not taken yet, else null
     */
    public record Due(String returnId, String merchantId, Instant deadline, List<Duration> warnings, Duration decideBefore) {
    }

    private final JdbcClient db;
    private final DeadlinePolicies policies;
    private final ReturnQueries returns;
    private final ReturnDecisions decisions;
    private final MerchantNotices notices;
    private final ReturnHistory history;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DeadlinePolicyRounds(JdbcClient db, DeadlinePolicies policies, ReturnQueries returns, ReturnDecisions decisions,
                         MerchantNotices notices, ReturnHistory history, MeterRegistry meters, Clock clock,
                         PlatformTransactionManager transactions) {
        this.db = db;
        this.policies = policies;
        this.returns = returns;
        this.decisions = decisions;
        this.notices = notices;
        this.history = history;
        this.meters = meters;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Every open return with a policy time come and not acted on, over the merchants whose policy is on. */
    public List<Due> due() {
        Instant now = clock.instant();
        record Open(String id, String merchantId, Instant deadline, Set<String> done) {
        }
        // each open return with what was done on its current deadline, in one query (a row per action)
        Map<String, Open> open = new LinkedHashMap<>();
        db.sql("""
                        SELECT r.id, r.merchant_id, r.deadline_at, a.action, a.offset_text FROM returns r
                        JOIN merchant_deadline_policies p ON p.merchant_id = r.merchant_id
                        LEFT JOIN deadline_policy_actions a ON a.return_id = r.id AND a.deadline_at = r.deadline_at
                        WHERE p.enabled = TRUE AND r.state = 'OPEN' AND r.next_action IS NOT NULL
                          AND r.deadline_at > ? AND r.deadline_at <= ?
                        ORDER BY r.deadline_at, r.id""")
                .params(Timestamp.from(now), Timestamp.from(now.plus(DeadlinePolicyReader.LONGEST)))
                .query(rs -> {
                    String merchantId = rs.getString(2);
                    Instant deadline = rs.getTimestamp(3).toInstant();
                    Open ret = open.computeIfAbsent(rs.getString(1), id -> new Open(id, merchantId, deadline, new HashSet<>()));
                    if (rs.getString(4) != null) {
                        ret.done().add(key(rs.getString(4), rs.getString(5)));
                    }
                });
        Map<String, DeadlinePolicy> byMerchant = new HashMap<>();
        List<Due> due = new ArrayList<>();
        for (Open ret : open.values()) {
            DeadlinePolicy policy = byMerchant.computeIfAbsent(ret.merchantId(), policies::of);
            dueNow(policy, ret.id(), ret.merchantId(), ret.deadline(), now, ret.done()).ifPresent(due::add);
        }
        return due;
    }

    /** Gives the due warnings, then takes the due decision, each once across instances. */
    public void act(Due due) {
        if (!due.warnings().isEmpty()) {
            once(due, "warning", () -> warn(due));
        }
        if (due.decideBefore() != null) {
            once(due, "default decision", () -> decide(due));
        }
    }

    private static Optional<Due> dueNow(DeadlinePolicy policy, String returnId, String merchantId, Instant deadline, Instant now,
                                       Set<String> done) {
        if (!policy.enabled() || !now.isBefore(deadline)) {
            return Optional.empty();
        }
        List<Duration> warnings = policy.warnBefore().stream()
                .filter(before -> !now.isBefore(deadline.minus(before)) && !done.contains(key(WARN, before)))
                .toList();
        Duration decide = policy.decides() && !now.isBefore(deadline.minus(policy.decision().before()))
                && !done.contains(key(DECIDE, policy.decision().before())) ? policy.decision().before() : null;
        return warnings.isEmpty() && decide == null ? Optional.empty()
                : Optional.of(new Due(returnId, merchantId, deadline, warnings, decide));
    }

    /** The due work on the return now, as the policy is now; empty when the return no longer takes it. */
    private Optional<Due> recheck(Due due) {
        return returns.find(due.merchantId(), due.returnId())
                .filter(ret -> ret.state() == ReturnState.OPEN && ret.tiktok().nextAction() != null
                        && due.deadline().equals(ret.tiktok().deadline()))
                .flatMap(ret -> dueNow(policies.of(due.merchantId()), due.returnId(), due.merchantId(), due.deadline(),
                        clock.instant(), done(due.returnId(), due.deadline())));
    }

    private void warn(Due due) {
        Optional<Due> still = recheck(due).filter(now -> !now.warnings().isEmpty());
        if (still.isEmpty()) {
            return;
        }
        for (Duration before : still.get().warnings()) {
            claim(due, WARN, before, "SENT", null);
        }
        Duration closest = still.get().warnings().get(still.get().warnings().size() - 1);
        DeadlinePolicy policy = policies.of(due.merchantId());
        String text = "TikTok's deadline comes in " + human(Duration.between(clock.instant(), due.deadline()))
                + " (at " + due.deadline() + "; warned " + human(closest) + " before)";
        String then = policy.decides() ? "the deadline policy decides " + human(policy.decision().before()) + " before it"
                : "decide before it, or TikTok decides by itself";
        notices.aboutReturn(due.returnId(), NoticeKind.DEADLINE_APPROACHING, text, then);
        history.record(due.returnId(), ReturnEventKind.DEADLINE_POLICY, "Deadline policy warned: " + text, then);
        counted("WARNED");
    }

    private void decide(Due due) {
        Optional<Due> still = recheck(due).filter(now -> now.decideBefore() != null);
        if (still.isEmpty()) {
            return;
        }
        DeadlinePolicy policy = policies.of(due.merchantId());
        ReturnView ret = returns.find(due.merchantId(), due.returnId()).orElseThrow();
        PolicyVerdict verdict = PolicyVerdict.of(policy.decision(), ret);
        // the claim first: an instance deciding the same return at the same time waits on it, then rolls back
        claim(due, DECIDE, policy.decision().before(), verdict.decides() ? "DECIDED" : "SKIPPED", verdict.text());
        if (!verdict.decides()) {
            left(due, verdict.text());
            return;
        }
        try {
            decisions.decide(due.merchantId(), due.returnId(), verdict.request());
        } catch (DecisionRefusedException refused) {
            if (refused.isConflict()) {
                throw refused;
            }
            String why = "not decided: " + refused.getMessage();
            db.sql("UPDATE deadline_policy_actions SET outcome = 'SKIPPED', detail = ? WHERE return_id = ? AND deadline_at = ?"
                            + " AND action = ? AND offset_text = ?")
                    .params(cut(why), due.returnId(), Timestamp.from(due.deadline()), DECIDE, policy.decision().before().toString())
                    .update();
            left(due, why);
            return;
        }
        String text = "The deadline policy decided: " + verdict.text() + ", " + human(policy.decision().before())
                + " before TikTok's deadline " + due.deadline();
        history.record(due.returnId(), ReturnEventKind.DECISION, "Decided by the deadline policy: "
                + verdict.text(), "policy " + policy.decision().kind() + ", " + human(policy.decision().before())
                + " before TikTok's deadline " + due.deadline());
        notices.aboutReturn(due.returnId(), NoticeKind.POLICY_DECISION, text, policy.decision().kind().name());
        log.info("Return {}: {}", due.returnId(), text);
        counted("DECIDED");
    }

    /** The policy would not decide this return: said once, in history, and left to the merchant. */
    private void left(Due due, String why) {
        history.record(due.returnId(), ReturnEventKind.DEADLINE_POLICY, "Deadline policy did not decide: " + why,
                "the merchant decides, or TikTok does at its deadline " + due.deadline());
        log.info("Return {}: the deadline policy did not decide: {}", due.returnId(), why);
        counted("SKIPPED");
    }

    private void claim(Due due, String action, Duration offset, String outcome, String detail) {
        db.sql("""
                        INSERT INTO deadline_policy_actions (return_id, deadline_at, action, offset_text, outcome, detail, acted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(due.returnId(), Timestamp.from(due.deadline()), action, offset.toString(), outcome,
                        cut(detail),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** Runs one action in its own transaction; another instance's claim of the same action rolls this one back. */
    private void once(Due due, String what, Runnable action) {
        try {
            transaction.executeWithoutResult(status -> action.run());
        } catch (DataIntegrityViolationException | ConcurrencyFailureException taken) {
            log.info("Return {}: the deadline policy's {} was taken by another instance", due.returnId(), what);
        } catch (DecisionRefusedException changed) {
            log.info("Return {}: changed while the deadline policy decided ({}); the next round sees it again",
                    due.returnId(), changed.getMessage());
        }
    }

    Set<String> done(String returnId, Instant deadline) {
        return db.sql("SELECT action, offset_text FROM deadline_policy_actions WHERE return_id = ? AND deadline_at = ?")
                .params(returnId, Timestamp.from(deadline))
                .query((rs, n) -> key(rs.getString(1), rs.getString(2))).list().stream().collect(Collectors.toSet());
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    static String key(String action, Duration offset) {
        return key(action, offset.toString());
    }

    private static String key(String action, String offset) {
        return action + "/" + offset;
    }

    private void counted(String outcome) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Counter.builder("returns.deadline_policy.actions")
                        .description("What deadline policies did: WARNED, DECIDED, SKIPPED (would not decide)")
                        .tag("outcome", outcome).register(meters).increment();
            }
        });
    }

    /** {@code 3 h 59 min}, {@code 2 d 4 h}, as the console shows time left. */
    static String human(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (mins > 0 ? " " + mins + " min" : "");
        }
        return mins + " min";
    }
}
