package io.returnflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dir;

    private SecretBox box(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new SecretBox(EncryptionKey.resolve(Base64.getEncoder().encodeToString(key), dir));
    }

    @Test
    void opensWhatItSealed() {
        SecretBox box = box((byte) 1);

        assertThat(box.open(box.seal("shpat_0123456789 é"))).isEqualTo("shpat_0123456789 é");
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTime() {
        SecretBox box = box((byte) 1);

        String first = box.seal("same");
        String second = box.seal("same");

        assertThat(first).isNotEqualTo(second).startsWith("v1:");
        assertThat(first).doesNotContain("same");
    }

    @Test
    void refusesToOpenAnAlteredValue() {
        SecretBox box = box((byte) 1);
        byte[] sealed = Base64.getDecoder().decode(box.seal("secret").substring(3));
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open("v1:" + Base64.getEncoder().encodeToString(sealed)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("altered");
    }

    @Test
    void refusesToOpenAValueSealedWithAnotherKey() {
        String sealed = box((byte) 1).seal("secret");

        assertThatThrownBy(() -> box((byte) 2).open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leavesAbsentSecretsAbsent() {
        SecretBox box = box((byte) 1);

        assertThat(box.seal(null)).isNull();
        assertThat(box.open(null)).isNull();
    }
}
