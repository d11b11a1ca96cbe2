package io.returnflow.tiktok.connect;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code state} of TikTok's authorization redirect: random, bound to the merchant that asked to
 * connect and to the browser that asked (the hash of its connect cookie, {@link OAuthBrowserBinding}),
 * valid 30 minutes, usable once. Kept in the database so the callback may reach any instance. Used
 * states stay a day, so a replay is told apart from a forgery.
 */
@Component
class OAuthStates {

    static final Duration VALIDITY = Duration.ofMinutes(30);
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    private static final int MAX_LENGTH = 64;

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient db;
    private final Clock clock;

    OAuthStates(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    String issue(String merchantId, String browserHash) {
        Instant now = clock.instant();
        db.sql("DELETE FROM tiktok_oauth_states WHERE expires_at < ?").param(utc(now.minus(KEPT_AFTER_EXPIRY))).update();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.sql("INSERT INTO tiktok_oauth_states (state, merchant_id, browser_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(state, merchantId, browserHash, utc(now), utc(now.plus(VALIDITY)))
                .update();
        return state;
    }

    /**
     * The merchant the state was issued to; the state cannot be used again. A callback from another
     * browser than the one that started the connect (a forwarded link) is refused and leaves the
     * state unused, so the browser that started it can still finish.
     *
     * @param browserHash the hash of the connect cookie the callback's browser sent; null without one
     */
    String consume(String state, String browserHash) {
        if (state == null || state.isBlank() || state.length() > MAX_LENGTH) {
            throw new InvalidStateException("the state parameter is missing or malformed");
        }
        OffsetDateTime now = utc(clock.instant());
        // One conditional UPDATE: of two racing callbacks with the same state, exactly one wins.
        int claimed = browserHash == null ? 0 : db.sql("UPDATE tiktok_oauth_states SET used_at = :now "
                        + "WHERE state = :state AND browser_hash = :browser AND used_at IS NULL AND expires_at > :now")
                .param("now", now).param("state", state).param("browser", browserHash).update();
        var row = db.sql("SELECT merchant_id, used_at, expires_at FROM tiktok_oauth_states WHERE state = ?")
                .param(state)
                .query((rs, n) -> new StateRow(rs.getString("merchant_id"), rs.getObject("used_at", OffsetDateTime.class),
                        rs.getObject("expires_at", OffsetDateTime.class)))
                .optional();
        if (claimed == 1) {
            return row.orElseThrow().merchantId();
        }
        if (row.isEmpty()) {
            throw new InvalidStateException("this authorization was not started here (unknown state)");
        }
        if (row.get().usedAt() != null) {
            throw new InvalidStateException("this authorization link was already used");
        }
        if (!row.get().expiresAt().isAfter(now)) {
            throw new InvalidStateException("this authorization link expired (valid " + VALIDITY.toMinutes() + " minutes)");
        }
        throw new InvalidStateException("this authorization was started in another browser: a connect link works only "
                + "in the browser that asked for it (it is not to be forwarded)");
    }

    private record StateRow(String merchantId, OffsetDateTime usedAt, OffsetDateTime expiresAt) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The callback cannot be trusted: it is not the answer to a connect this service started. */
    static final class InvalidStateException extends RuntimeException {
        InvalidStateException(String message) {
            super(message);
        }
    }
}
