package io.returnflow.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.SecretKey;

import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;

/** Seals as the service made them before seals were bound and named their key ({@code v1:}), to test they still open. */
public final class LegacySeals {

    private LegacySeals() {
    }

    public static String v1(SecretKey key, String secret) {
        AesBytesEncryptor aes = new AesBytesEncryptor(key, KeyGenerators.secureRandom(12), AesBytesEncryptor.CipherAlgorithm.GCM);
        return "v1:" + Base64.getEncoder().encodeToString(aes.encrypt(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
