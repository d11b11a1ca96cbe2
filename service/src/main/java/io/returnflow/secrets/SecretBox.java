package io.returnflow.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Seals partner secrets for storage: AES-256-GCM with a fresh random 96-bit IV per value, bound to
 * its merchant and field ({@link SealBinding}, as associated data), under the current key, whose id
 * the seal names. So equal secrets never look alike, a changed value fails to open instead of
 * decrypting to garbage, a seal copied to another merchant or field does not open, and keys can
 * rotate: seals under a previous key ({@code app.previous-encryption-keys}) still open, new seals use
 * the current one, and a re-seal ({@code POST /api/admin/secrets/reseal}) rewrites the old ones.
 *
 * <p>A column holds {@code v2:<kid>:} + base64(IV | ciphertext | tag); a settings document holds a
 * {@link Sealed} envelope. Seals of old ({@code v1:}, envelopes without a key id) are unbound: they
 * open under any configured key until re-sealed.
 */
public final class SecretBox {

    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final int GCM_IV_BYTES = 12;
    private static final int GCM_TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    /** Every key by its id, the current one first. */
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    /**
     * Secrets opened, by key id, binding and seal: a seal opens to one secret only, and every message
     * of a flow opens its merchant's tokens again. Only in memory, bounded; an altered seal or another
     * binding is another entry, so it is still refused.
     */
    private final Cache<Opening, String> opened = Caffeine.newBuilder().maximumSize(10_000).build();

    private record Opening(String keyId, SealBinding binding, String seal) {
    }

    public SecretBox(SecretKey current) {
        this(current, List.of());
    }

    public SecretBox(SecretKey current, List<SecretKey> previous) {
        this.currentId = keyId(current);
        keys.put(currentId, current);
        previous.forEach(key -> keys.putIfAbsent(keyId(key), key));
    }

    /** A key's id: not the key, and the same on every instance (HMAC-SHA256 of a constant, 8 hex characters). */
    static String keyId(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("returnflow key id".getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The id of the key new seals use. */
    public String currentKeyId() {
        return currentId;
    }

    /** The sealed form of the secret for a column; null stays null. */
    public String seal(String secret, SealBinding binding) {
        return secret == null ? null : V2 + currentId + ":" + encrypt(secret, binding);
    }

    /** The secret of a column back; null stays null. Fails when altered, bound elsewhere, or under no configured key. */
    public String open(String sealed, SealBinding binding) {
        if (sealed == null) {
            return null;
        }
        if (sealed.startsWith(V2)) {
            int colon = sealed.indexOf(':', V2.length());
            if (colon < 0) {
                throw unknownFormat();
            }
            return decrypt(sealed.substring(V2.length(), colon), sealed.substring(colon + 1), binding);
        }
        if (sealed.startsWith(V1)) {
            return decryptUnbound(sealed.substring(V1.length()));
        }
        throw unknownFormat();
    }

    /** Whether a column's seal is bound and under the current key (a re-seal leaves it as it is). */
    public boolean isCurrent(String sealed) {
        return sealed == null || sealed.startsWith(V2 + currentId + ":");
    }

    /** The sealed envelope of the secret, for a settings document; null stays null. */
    public Sealed sealValue(String secret, SealBinding binding) {
        return secret == null ? null : new Sealed(Sealed.AES_256_GCM, currentId, Sealed.MERCHANT_FIELD, encrypt(secret, binding));
    }

    /** The secret of an envelope back; null stays null. Fails as {@link #open} does, and for an unknown algorithm or scheme. */
    public String openValue(Sealed sealed, SealBinding binding) {
        if (sealed == null) {
            return null;
        }
        if (!Sealed.AES_256_GCM.equals(sealed.alg()) || sealed.ct() == null) {
            throw unknownFormat();
        }
        if (sealed.kid() == null && sealed.aad() == null) {
            return decryptUnbound(sealed.ct());
        }
        if (sealed.kid() == null || !Sealed.MERCHANT_FIELD.equals(sealed.aad())) {
            throw unknownFormat();
        }
        return decrypt(sealed.kid(), sealed.ct(), binding);
    }

    /** Whether an envelope is bound and under the current key. */
    public boolean isCurrent(Sealed sealed) {
        return sealed == null || currentId.equals(sealed.kid()) && Sealed.MERCHANT_FIELD.equals(sealed.aad());
    }

    private String encrypt(String secret, SealBinding binding) {
        byte[] iv = new byte[GCM_IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(GCM_TAG_BITS, iv));
            aes.updateAAD(binding.associatedData());
            byte[] ciphertext = aes.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private String decrypt(String keyId, String base64, SealBinding binding) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("a stored secret was sealed with key " + keyId
                    + ", which is neither app.encryption-key nor one of app.previous-encryption-keys");
        }
        return opened.get(new Opening(keyId, binding, base64), opening -> decrypt(key, base64, binding.associatedData()));
    }

    /** A seal of old: no associated data, under whichever configured key opens it. */
    private String decryptUnbound(String base64) {
        List<IllegalStateException> failures = new ArrayList<>();
        for (SecretKey key : keys.values()) {
            try {
                return decrypt(key, base64, null);
            } catch (IllegalStateException e) {
                failures.add(e);
            }
        }
        throw failures.get(0);
    }

    private static String decrypt(SecretKey key, String base64, byte[] associatedData) {
        try {
            byte[] sealed = Base64.getDecoder().decode(base64);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, sealed, 0, GCM_IV_BYTES));
            if (associatedData != null) {
                aes.updateAAD(associatedData);
            }
            return new String(aes.doFinal(sealed, GCM_IV_BYTES, sealed.length - GCM_IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Deliberately without the cause's details: nothing about the value goes to a log.
            throw new IllegalStateException("a stored secret cannot be opened: it was altered, belongs to another "
                    + "merchant or field, or was sealed with another app.encryption-key");
        }
    }

    private static IllegalStateException unknownFormat() {
        return new IllegalStateException("a stored secret is not in a known sealed format");
    }
}
