package io.returnflow.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key of {@link SecretBox}: {@code app.encryption-key} (base64 of 32 bytes) when set,
 * which prod requires; otherwise a key generated once into {@code encryption.key} under the data
 * directory, readable by the owner only, and reused on every later start. The key itself is never
 * logged.
 */
final class EncryptionKey {

    static final String FILE_NAME = "encryption.key";
    private static final int KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(EncryptionKey.class);

    private EncryptionKey() {
    }

    static SecretKey resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured, "app.encryption-key");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.notExists(file)) {
                generate(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the encryption key file " + file
                    + " (set app.encryption-key instead)", e);
        }
    }

    /** The keys of {@code app.previous-encryption-keys} (comma-separated base64), which only open seals. */
    static List<SecretKey> previous(String configured) {
        List<SecretKey> keys = new ArrayList<>();
        if (configured != null) {
            for (String key : configured.split(",")) {
                if (!key.isBlank()) {
                    keys.add(decode(key, "app.previous-encryption-keys[" + keys.size() + "]"));
                }
            }
        }
        return keys;
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                var f = file.toFile();
                f.setReadable(false, false);
                f.setWritable(false, false);
                f.setReadable(true, true);
                f.setWritable(true, true);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another start created it first: use that one
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        log.info("Generated the encryption key for stored partner secrets in {} (app.encryption-key is not set). "
                + "Keep this file: secrets stored with it cannot be read without it.", file.toAbsolutePath());
    }

    private static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64 (expected the base64 of 32 random bytes)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must be the base64 of 32 bytes (AES-256), got " + key.length + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }
}
