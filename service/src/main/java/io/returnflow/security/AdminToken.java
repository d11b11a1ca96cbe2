package io.returnflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bearer token of {@code /api/admin/**}: {@code app.admin-token}, which every profile but local
 * and test requires (RequiredSettings). Without it (a local run) a random token is generated per
 * start and written to {@code <app.data-dir>/admin-token}, readable by its owner only; the log says
 * where, never the token, so a newcomer can use the admin API without configuring anything and the
 * token stays out of logs that others read.
 */
@Component
public class AdminToken {

    static final String FILE_NAME = "admin-token";
    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] digest;

    public AdminToken(@Value("${app.admin-token:}") String configured, @Value("${app.data-dir:./data}") Path dataDir) {
        String token = configured;
        if (token == null || token.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path file = writeOwnerOnly(dataDir.resolve(FILE_NAME), token);
            log.info("app.admin-token is not set; the admin API token of this run is in {} (readable by its owner only; "
                    + "send it as 'Authorization: Bearer <token>' to /api/admin/**)", file);
        }
        this.digest = sha256(token);
    }

    /** Constant-time, and comparing digests hides the token's length too. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** Written beside the target and moved over it, so the token is never in a file others may read, even briefly. */
    private static Path writeOwnerOnly(Path file, String token) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path draft = posix
                    ? Files.createTempFile(dir, FILE_NAME, ".new", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, FILE_NAME, ".new");
            Files.writeString(draft, token + "\n", StandardCharsets.UTF_8);
            return Files.move(draft, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token of this run to " + file, e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
