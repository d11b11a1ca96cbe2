package io.returnflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.returnflow.support.LegacySeals;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final SealBinding ACME_TOKEN = new SealBinding("acme", "shopify.accessToken");

    private static SecretKey key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return new SecretKeySpec(key, "AES");
    }

    private static SecretBox box(byte fill) {
        return new SecretBox(key(fill));
    }

    @Test
    void opensWhatItSealed() {
        SecretBox box = box((byte) 1);

        assertThat(box.open(box.seal("shpat_0123456789 é", ACME_TOKEN), ACME_TOKEN)).isEqualTo("shpat_0123456789 é");
        assertThat(box.openValue(box.sealValue("shpat_0123456789 é", ACME_TOKEN), ACME_TOKEN)).isEqualTo("shpat_0123456789 é");
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTimeNamingItsKey() {
        SecretBox box = box((byte) 1);

        String first = box.seal("same", ACME_TOKEN);
        String second = box.seal("same", ACME_TOKEN);

        assertThat(first).isNotEqualTo(second).startsWith("v2:" + box.currentKeyId() + ":");
        assertThat(first).doesNotContain("same");
        assertThat(box.currentKeyId()).hasSize(8).isNotEqualTo(box((byte) 2).currentKeyId());
    }

    @Test
    void aSealMovedToAnotherMerchantOrAnotherFieldDoesNotOpen() {
        SecretBox box = box((byte) 1);
        String sealed = box.seal("secret", ACME_TOKEN);
        Sealed envelope = box.sealValue("secret", ACME_TOKEN);

        assertThatThrownBy(() -> box.open(sealed, new SealBinding("globex", "shopify.accessToken")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another merchant or field");
        assertThatThrownBy(() -> box.open(sealed, new SealBinding("acme", "tiktok.refreshToken")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.openValue(envelope, new SealBinding("globex", "shopify.accessToken")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSealItHasOpenedBeforeStillDoesNotOpenForAnotherMerchant() {
        SecretBox box = box((byte) 1);
        String sealed = box.seal("secret", ACME_TOKEN);
        assertThat(box.open(sealed, ACME_TOKEN)).isEqualTo("secret");

        assertThatThrownBy(() -> box.open(sealed, new SealBinding("globex", "shopify.accessToken")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another merchant or field");
        assertThat(box.open(sealed, ACME_TOKEN)).isEqualTo("secret");
    }

    @Test
    void refusesToOpenAnAlteredValue() {
        SecretBox box = box((byte) 1);
        String sealed = box.seal("secret", ACME_TOKEN);
        String prefix = sealed.substring(0, sealed.lastIndexOf(':') + 1);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(prefix.length()));
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(prefix + Base64.getEncoder().encodeToString(bytes), ACME_TOKEN))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("altered");
    }

    @Test
    void refusesToOpenAValueSealedWithAKeyItDoesNotHave() {
        String sealed = box((byte) 1).seal("secret", ACME_TOKEN);

        assertThatThrownBy(() -> box((byte) 2).open(sealed, ACME_TOKEN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("app.previous-encryption-keys");
    }

    @Test
    void afterARotationOpensSealsOfThePreviousKeyAndSealsUnderTheNewOne() {
        SecretBox before = box((byte) 1);
        String old = before.seal("secret", ACME_TOKEN);
        Sealed oldEnvelope = before.sealValue("secret", ACME_TOKEN);
        SecretBox rotated = new SecretBox(key((byte) 2), List.of(key((byte) 1)));

        assertThat(rotated.open(old, ACME_TOKEN)).isEqualTo("secret");
        assertThat(rotated.openValue(oldEnvelope, ACME_TOKEN)).isEqualTo("secret");
        assertThat(rotated.isCurrent(old)).isFalse();
        assertThat(rotated.isCurrent(oldEnvelope)).isFalse();
        String resealed = rotated.seal(rotated.open(old, ACME_TOKEN), ACME_TOKEN);
        assertThat(rotated.isCurrent(resealed)).isTrue();
        assertThat(resealed).startsWith("v2:" + rotated.currentKeyId() + ":");
        assertThatThrownBy(() -> box((byte) 1).open(resealed, ACME_TOKEN)).isInstanceOf(IllegalStateException.class);
        assertThat(box((byte) 2).open(resealed, ACME_TOKEN)).as("the previous key can go once all is re-sealed")
                .isEqualTo("secret");
    }

    @Test
    void opensUnboundSealsOfOldUnderAnyConfiguredKeyUntilTheyAreResealed() {
        String v1 = LegacySeals.v1(key((byte) 1), "secret");
        SecretBox rotated = new SecretBox(key((byte) 2), List.of(key((byte) 1)));

        assertThat(rotated.open(v1, ACME_TOKEN)).isEqualTo("secret");
        assertThat(rotated.isCurrent(v1)).isFalse();
        assertThat(rotated.openValue(new Sealed(Sealed.AES_256_GCM, null, null, v1.substring(3)), ACME_TOKEN)).isEqualTo("secret");
    }

    @Test
    void leavesAbsentSecretsAbsent() {
        SecretBox box = box((byte) 1);

        assertThat(box.seal(null, ACME_TOKEN)).isNull();
        assertThat(box.open(null, ACME_TOKEN)).isNull();
        assertThat(box.sealValue(null, ACME_TOKEN)).isNull();
    }
}
