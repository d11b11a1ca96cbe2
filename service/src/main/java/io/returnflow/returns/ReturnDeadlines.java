package io.returnflow.returns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.history.ReturnEventKind;
import io.returnflow.history.ReturnHistory;
import io.returnflow.returns.ReturnRows.Locked;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The marketplace's deadlines on open returns, as operators watch them: gauges of the open returns
 * due soon and overdue (over all merchants), and the deadlines missed, when the marketplace moved on
 * (decided by itself) while the merchant had not decided.
 */
@Component
public class ReturnDeadlines {

    private static final Logger log = LoggerFactory.getLogger(ReturnDeadlines.class);

    private final JdbcClient db;
    private final Clock clock;
    private final ReturnHistory history;
    private final MeterRegistry meters;

    public ReturnDeadlines(JdbcClient db, Clock clock, ReturnHistory history, MeterRegistry meters,
                           @Value("${returns.deadlines.due-soon:PT24H}") Duration dueSoon) {
        this.db = db;
        this.clock = clock;
        this.history = history;
        this.meters = meters;
        Gauge.builder("returns.deadlines.due", () -> openDue(dueSoon))
                .description("Open returns whose marketplace deadline comes within returns.deadlines.due-soon")
                .register(meters);
        Gauge.builder("returns.deadlines.overdue", this::openOverdue)
                .description("Open returns whose marketplace deadline has passed")
                .register(meters);
    }

    /**
     * The return was OPEN (the merchant had not decided) and its deadline had passed when the source
     * moved on from what it waited for: the source decided without the merchant. Written in the
     * caller's transaction; counted once it commits ({@code returns.deadlines.missed{source}}).
     */
    void checkMissed(Locked before, SourceStatus now, Instant at) {
        if (before.state() != ReturnState.OPEN || before.deadline() == null || !before.deadline().isBefore(at)) {
            return;
        }
        boolean movedOn = now.nextAction() != before.nextAction()
                || !Objects.equals(now.deadlineAction(), before.deadlineAction())
                || !Objects.equals(ReturnRows.deadline(now), Timestamp.from(before.deadline()));
        if (!movedOn) {
            return;
        }
        log.warn("Return {}: deadline {} for {} missed; {} moved on to {}", before.id(), before.deadline(),
                before.deadlineAction(), before.source(), now.status());
        history.record(before.id(), ReturnEventKind.STATUS_CHANGED, "Deadline missed: " + before.source()
                        + " moved on to " + now.status() + " without the merchant's decision",
                "the deadline for " + before.deadlineAction() + " was " + before.deadline());
        ReturnSource source = before.source();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Counter.builder("returns.deadlines.missed")
                        .description("Deadlines the marketplace decided on by itself, the merchant not having decided")
                        .tag("source", source.name()).register(meters).increment();
            }
        });
    }

    private long openDue(Duration within) {
        Instant now = clock.instant();
        return db.sql("SELECT COUNT(*) FROM returns WHERE state = 'OPEN' AND deadline_at >= ? AND deadline_at < ?")
                .params(Timestamp.from(now), Timestamp.from(now.plus(within))).query(Long.class).single();
    }

    private long openOverdue() {
        return db.sql("SELECT COUNT(*) FROM returns WHERE state = 'OPEN' AND deadline_at < ?")
                .param(Timestamp.from(clock.instant())).query(Long.class).single();
    }
}
