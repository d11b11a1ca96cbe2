package io.returnflow.retention;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs a job once per interval across every instance, on H2 as on PostgreSQL: the instance whose
 * conditional UPDATE moves the job's {@code next_run_at} from a time already past to a time one
 * interval ahead runs it; every other instance's UPDATE then matches no row. A run that fails is
 * not run again before its next time (the purge deletes what is due then, too).
 */
@Component
public class ScheduledRuns {

    /** Who ran it last: this process. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final JdbcClient db;
    private final Clock clock;

    ScheduledRuns(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Whether this instance runs the job now; true at most once per {@code every} across instances. */
    public boolean take(String job, Duration every) {
        return take(job, every, instance);
    }

    boolean take(String job, Duration every, String by) {
        Instant now = clock.instant();
        return db.sql("UPDATE scheduled_runs SET next_run_at = ?, last_run_by = ? WHERE name = ? AND next_run_at <= ?")
                .params(utc(now.plus(every)), by, job, utc(now))
                .update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
