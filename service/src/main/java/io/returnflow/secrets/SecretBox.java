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
 * to garbage. The sealed form is {@code v1:} + base64(IV | ciphertext | tag); the prefix leaves
 * room for a later key rotation.
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
