package io.returnflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bearer token of {@code /api/admin/**}: {@code app.admin-token}, which prod requires. Without
 * it (local runs) a random token is generated per start and logged once, so a newcomer can use the
 * admin API without configuring anything.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] digest;

    public AdminToken(@Value("${app.admin-token:}") String configured) {
        String token = configured;
        if (token == null || token.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.info("app.admin-token is not set; the admin API token of this run is: {}  "
                    + "(send it as 'Authorization: Bearer <token>' to /api/admin/**)", token);
        }
        this.digest = sha256(token);
    }

    /** Constant-time, and comparing digests hides the token's length too. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
