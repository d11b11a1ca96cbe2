package io.returnflow.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.SecretKey;

import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Seals partner secrets for storage: AES-256-GCM with a fresh random 96-bit IV per value, so equal
 * secrets never look alike and any change to a stored value fails to open instead of decrypting
 * to garbage. A column holds the sealed form {@code v1:} + base64(IV | ciphertext | tag); a settings
 * document holds it as a {@link Sealed} envelope, which names its algorithm so that a key id (rotation)
 * and associated data (binding a seal to its merchant and field) can be added to it later.
 */
public final class SecretBox {

    private static final String VERSION = "v1:";
    private static final int GCM_IV_BYTES = 12;

    private final BytesEncryptor aes;

    public SecretBox(SecretKey key) {
        this.aes = new AesBytesEncryptor(key, KeyGenerators.secureRandom(GCM_IV_BYTES),
                AesBytesEncryptor.CipherAlgorithm.GCM);
    }

    /** The sealed form of the secret; null stays null. */
    public String seal(String secret) {
        if (secret == null) {
            return null;
        }
        byte[] sealed = aes.encrypt(secret.getBytes(StandardCharsets.UTF_8));
        return VERSION + Base64.getEncoder().encodeToString(sealed);
    }

    /** The sealed envelope of the secret, for a settings document; null stays null. */
    public Sealed sealValue(String secret) {
        String sealed = seal(secret);
        return sealed == null ? null : new Sealed(Sealed.AES_256_GCM, sealed.substring(VERSION.length()));
    }

    /** The secret of an envelope back; null stays null. Fails as {@link #open(String)} does, and for an unknown algorithm. */
    public String openValue(Sealed sealed) {
        if (sealed == null) {
            return null;
        }
        if (!Sealed.AES_256_GCM.equals(sealed.alg()) || sealed.ct() == null) {
            throw new IllegalStateException("a stored secret is not in a known sealed format");
        }
        return open(VERSION + sealed.ct());
    }

    /** The secret back; null stays null. Fails when the value was altered or sealed with another key. */
    public String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("a stored secret is not in a known sealed format");
        }
        try {
            byte[] plain = aes.decrypt(Base64.getDecoder().decode(sealed.substring(VERSION.length())));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // Deliberately without the cause's details: nothing about the value goes to a log.
            throw new IllegalStateException("a stored secret cannot be opened: it was altered or sealed with "
                    + "another app.encryption-key");
        }
    }
}
