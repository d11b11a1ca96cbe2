package io.returnflow.merchants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
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
 */
@Component
public class MerchantApiKeys {

    /** Recognisable in logs, configs and secret scanners. */
    public static final String PREFIX = "rfk_";
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient db;
    private final Clock clock;

    public MerchantApiKeys(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new key for the merchant, in clear: the only time it exists outside the caller's hands. */
    public String create(String merchantId) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.sql("INSERT INTO merchant_api_keys (id, merchant_id, key_hash, created_at) VALUES (?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), merchantId, hash(key), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return key;
    }

    /** The merchant a key belongs to; empty for an unknown key. */
    public Optional<String> merchantOf(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return db.sql("SELECT merchant_id FROM merchant_api_keys WHERE key_hash = ?").param(hash(key))
                .query(String.class).optional();
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
