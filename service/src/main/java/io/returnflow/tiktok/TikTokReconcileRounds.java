package io.returnflow.tiktok;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When each connected shop's reconciliation round is due, how far its returns were searched, and
 * who runs its round now: a lease taken with a conditional UPDATE, so that with several instances
 * on one database one round runs at a time; a lease left by an instance that died expires.
 */
@Component("tiktokReconcileRounds")
public class TikTokReconcileRounds {

    /**
     * A round this instance holds: returns updated from {@code since} on are searched; once done, the
     * shop counts as searched up to {@code until} (the round's start: what changes while it runs,
     * or in the same second, the next round's overlap searches again).
     */
    public record Lease(String shopId, long since, long until) {
    }

    /** Who holds a lease: this process. */
    private final String instance = UUID.randomUUID().toString();
    private final JdbcClient db;
    private final Clock clock;
    private final Duration interval;
    private final Duration overlap;
    private final Duration lookBack;
    private final Duration lease;

    public TikTokReconcileRounds(JdbcClient db, Clock clock,
                                 @Value("${tiktok.reconcile.interval:PT15M}") Duration interval,
                                 @Value("${tiktok.reconcile.overlap:PT10M}") Duration overlap,
                                 @Value("${tiktok.reconcile.look-back:P3D}") Duration lookBack,
                                 @Value("${tiktok.reconcile.lease:PT5M}") Duration lease) {
        this.db = db;
        this.clock = clock;
        this.interval = interval;
        this.overlap = overlap;
        this.lookBack = lookBack;
        this.lease = lease;
    }

    /** The connected shops whose round is due (never reconciled, or their interval passed). */
    public List<String> dueShops() {
        return db.sql("""
                        SELECT s.shop_id FROM tiktok_shops s
                        LEFT JOIN tiktok_reconcile_rounds r ON r.shop_id = s.shop_id
                        WHERE s.status = 'CONNECTED' AND (r.shop_id IS NULL OR r.next_round_at <= ?)
                        ORDER BY s.shop_id""")
                .param(Timestamp.from(clock.instant()))
                .query(String.class).list();
    }

    /**
     * Takes the shop's round, if it is due (or {@code now} is asked) and no other instance runs it.
     * It searches from the last round's end less the overlap (updates TikTok made while the last
     * round ran are not lost), or {@code look-back} ago for a shop never reconciled.
     */
    public Optional<Lease> take(String shopId, boolean now) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the database keeps it, so "due now" is due

        try {
            db.sql("INSERT INTO tiktok_reconcile_rounds (shop_id, next_round_at) VALUES (?, ?)")
                    .params(shopId, Timestamp.from(at)).update();
        } catch (DuplicateKeyException known) {
            // reconciled before
        }
        int taken = db.sql("""
                        UPDATE tiktok_reconcile_rounds SET lease_owner = ?, lease_until = ?
                        WHERE shop_id = ? AND (lease_until IS NULL OR lease_until < ?) AND (? OR next_round_at <= ?)""")
                .params(instance, Timestamp.from(at.plus(lease)), shopId, Timestamp.from(at), now, Timestamp.from(at))
                .update();
        if (taken == 0) {
            return Optional.empty();
        }
        Long searchedUntil = db.sql("SELECT searched_until FROM tiktok_reconcile_rounds WHERE shop_id = ?")
                .param(shopId).query(Long.class).optional().orElse(null);
        long until = at.getEpochSecond();
        long since = searchedUntil == null ? at.minus(lookBack).getEpochSecond() : searchedUntil - overlap.toSeconds();
        return Optional.of(new Lease(shopId, since, until));
    }

    /** The round searched everything up to its end: the next one is due an interval from now. */
    public void completed(Lease round) {
        db.sql("""
                        UPDATE tiktok_reconcile_rounds SET searched_until = ?, next_round_at = ?, lease_owner = NULL,
                            lease_until = NULL
                        WHERE shop_id = ? AND lease_owner = ?""")
                .params(round.until(), Timestamp.from(clock.instant().plus(interval)), round.shopId(), instance)
                .update();
    }
}
