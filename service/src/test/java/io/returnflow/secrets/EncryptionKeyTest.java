package io.returnflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EncryptionKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesAKeyFileReadableByTheOwnerOnlyWhenNoKeyIsConfigured(CapturedOutput output) throws Exception {
        SecretKey key = EncryptionKey.resolve("", dataDir.resolve("data"));

        Path file = dataDir.resolve("data").resolve(EncryptionKey.FILE_NAME);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file))).isEqualTo(key.getEncoded()).hasSize(32);
        assertThat(output).contains("Generated the encryption key").doesNotContain(Files.readString(file));
    }

    @Test
    void reusesTheGeneratedKeyOnTheNextStart() {
        SecretKey first = EncryptionKey.resolve(null, dataDir);
        SecretKey second = EncryptionKey.resolve(null, dataDir);

        assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
    }

    @Test
    void usesTheConfiguredKeyAndWritesNoFile() {
        byte[] configured = new byte[32];
        configured[0] = 7;

        SecretKey key = EncryptionKey.resolve(Base64.getEncoder().encodeToString(configured), dataDir);

        assertThat(key.getEncoded()).isEqualTo(configured);
        assertThat(dataDir.resolve(EncryptionKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void refusesAConfiguredKeyThatIsNot32BytesWithoutPrintingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> EncryptionKey.resolve(shortKey, dataDir))
                .hasMessageContaining("app.encryption-key must be the base64 of 32 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void refusesAConfiguredKeyThatIsNotBase64() {
        assertThatThrownBy(() -> EncryptionKey.resolve("not base64 at all!", dataDir))
                .hasMessageContaining("app.encryption-key is not valid base64");
    }
}
