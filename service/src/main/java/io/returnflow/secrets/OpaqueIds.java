package io.returnflow.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Opaque, stable names for values that must not show where anyone may look (metrics, health):
 * the first 48 bits of HMAC-SHA256 under a key derived from {@code app.encryption-key}, so every
 * instance names a value alike, and nobody without the key can tell which merchant or NetSuite
 * account a name stands for (a plain hash of "acme" is found by guessing "acme").
 */
public final class OpaqueIds {

    private final SecretKeySpec key;
    /** Names given, by value: every queued message names its merchant, shop and return (ErasedSubjects). Bounded. */
    private final Cache<String, String> names = Caffeine.newBuilder().maximumSize(10_000).build();

    OpaqueIds(SecretKey encryptionKey) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(encryptionKey.getEncoded(), "HmacSHA256"), "opaque-ids v1"),
                "HmacSHA256");
    }

    private OpaqueIds(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Names under a key of their own (tests, tools): stable within this object only. */
    public static OpaqueIds random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new OpaqueIds(key);
    }

    /** 12 hex characters standing for the value. */
    public String of(String value) {
        return names.get(value, named -> HexFormat.of().formatHex(hmac(key, named), 0, 6));
    }

    private static byte[] hmac(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
