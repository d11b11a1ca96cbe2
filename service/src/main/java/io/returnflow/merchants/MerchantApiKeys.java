package io.returnflow.merchants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merchant API keys: {@code rfk_} + 256 random bits (base64url), shown once and stored only as their
 * SHA-256. A fast, unsalted hash is right here, unlike for passwords: a key has 256 bits of entropy,
 * so no amount of hashing speed makes guessing it feasible, and salt only defends low-entropy
 * secrets against precomputed tables. A deterministic hash is also what lets each request find its
 * key with one indexed lookup, where bcrypt would cost ~100 ms of CPU per call.
 * <p>
 * A key may expire; a revoked key is deleted. Both take effect on the next request: every request
 * looks its key up, nothing is cached. Listings show a key's first characters, never more.
 */
@Component
public class MerchantApiKeys {

    /** Recognisable in logs, configs and secret scanners. */
    public static final String PREFIX = "rfk_";
    private static final int KEY_BYTES = 32;
    /** {@code rfk_} and 8 characters (48 of the 256 bits): enough to tell keys apart, far too few to guess the rest. */
    private static final int SHOWN_LENGTH = PREFIX.length() + 8;
    /** last_used_at is written at most this often per key: not a write per request. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient db;
    private final Clock clock;

    public MerchantApiKeys(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The merchant a key belongs to, and which of its keys it is. */
    public record KeyOwner(String keyId, String merchantId) {
    }

    /**
     * A key as listed: never the key itself.
     *
     * @param expiresAt null for a key that does not expire
     * @param lastUsedAt to the minute; null for a key never used
     */
    public record ApiKey(String id, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
    }

    /** A new key, in clear: the only time it exists outside the caller's hands. */
    public record IssuedKey(String apiKey, ApiKey key) {
        @Override
        public String toString() {
            return "IssuedKey[apiKey=****, key=" + key + "]";
        }
    }

    /** A new key for the merchant. @param expiresAt null for a key that does not expire */
    public IssuedKey create(String merchantId, Instant expiresAt) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        db.sql("INSERT INTO merchant_api_keys (id, merchant_id, key_hash, key_prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, merchantId, hash(key), key.substring(0, SHOWN_LENGTH), utc(now), expiresAt == null ? null : utc(expiresAt))
                .update();
        return new IssuedKey(key, new ApiKey(id, key.substring(0, SHOWN_LENGTH), now, expiresAt, null));
    }

    /** The owner of a key that exists and has not expired; empty otherwise. Notes when it was used. */
    public Optional<KeyOwner> ownerOf(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Row(String id, String merchantId, Instant expiresAt, Instant lastUsedAt) {
        }
        Optional<Row> row = db.sql("SELECT id, merchant_id, expires_at, last_used_at FROM merchant_api_keys WHERE key_hash = ?")
                .param(hash(key))
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("merchant_id"), instant(rs, "expires_at"),
                        instant(rs, "last_used_at")))
                .optional();
        if (row.isEmpty() || row.get().expiresAt() != null && !row.get().expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        if (row.get().lastUsedAt() == null || row.get().lastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
            db.sql("UPDATE merchant_api_keys SET last_used_at = ? WHERE id = ?").params(utc(now), row.get().id()).update();
        }
        return Optional.of(new KeyOwner(row.get().id(), row.get().merchantId()));
    }

    /** The merchant's keys, oldest first. */
    public List<ApiKey> list(String merchantId) {
        return db.sql("""
                        SELECT id, key_prefix, created_at, expires_at, last_used_at FROM merchant_api_keys
                        WHERE merchant_id = ? ORDER BY created_at, id""")
                .param(merchantId)
                .query((rs, n) -> new ApiKey(rs.getString("id"), rs.getString("key_prefix"), instant(rs, "created_at"),
                        instant(rs, "expires_at"), instant(rs, "last_used_at")))
                .list();
    }

    /** Revokes the key: deleted, refused from the next request on. False when the merchant has no such key. */
    public boolean revoke(String merchantId, String keyId) {
        return db.sql("DELETE FROM merchant_api_keys WHERE merchant_id = ? AND id = ?").params(merchantId, keyId).update() == 1;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
