package io.returnflow.merchants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.returnflow.secrets.SecretBox;

import org.junit.jupiter.api.Test;

/** A target's settings as stored: clear fields apart from secrets, each secret sealed in an envelope of its own. */
class SealedSettingsTest {

    record Example(boolean enabled, String account, Secret token, Secret other, Instant expiresAt) implements TargetSettings {
    }

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final SecretBox box = new SecretBox(new SecretKeySpec(new byte[32], "AES"));
    private final SealedSettings sealed = new SealedSettings(json, box);
    private final Example example = new Example(true, "acct-1", Secret.of("token-0123456789abcdef"), null,
            Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void keepsClearFieldsApartAndSealsEachSecretInAnEnvelopeKeyedByItsField() throws Exception {
        JsonNode document = json.readTree(sealed.seal("acme", "EXAMPLE", example));

        assertThat(document.path("format").asInt()).isEqualTo(1);
        assertThat(document.path("settings").toString())
                .isEqualTo("{\"enabled\":true,\"account\":\"acct-1\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}");
        assertThat(document.path("secrets").properties()).singleElement().satisfies(secret -> {
            assertThat(secret.getKey()).isEqualTo("token");
            assertThat(secret.getValue().path("alg").asText()).isEqualTo("A256GCM");
            assertThat(secret.getValue().path("kid").asText()).isEqualTo(box.currentKeyId());
            assertThat(secret.getValue().path("aad").asText()).isEqualTo("merchant-field");
            assertThat(secret.getValue().path("ct").asText()).isNotBlank().doesNotContain("token-0123");
        });
        assertThat(document.toString()).doesNotContain("token-0123456789abcdef");
    }

    @Test
    void opensTheSettingsItSealed() {
        assertThat(sealed.open("acme", "EXAMPLE", sealed.seal("acme", "EXAMPLE", example), Example.class)).isEqualTo(example);
    }

    @Test
    void sealsEqualSecretsDifferently() {
        assertThat(sealed.seal("acme", "EXAMPLE", example)).isNotEqualTo(sealed.seal("acme", "EXAMPLE", example));
    }

    @Test
    void refusesAnEnvelopeCarryingWhatThisVersionDoesNotKnowRatherThanGuessing() throws Exception {
        ObjectNode document = (ObjectNode) json.readTree(sealed.seal("acme", "EXAMPLE", example));
        ((ObjectNode) document.path("secrets").path("token")).put("zip", "deflate");

        assertThatThrownBy(() -> sealed.open("acme", "EXAMPLE", document.toString(), Example.class))
                .isInstanceOf(IllegalStateException.class).hasMessage("the sealed token carries [zip], which this version cannot open");
    }

    @Test
    void refusesADocumentOfAnotherFormatAndASealAlteredAtRest() throws Exception {
        ObjectNode later = (ObjectNode) json.readTree(sealed.seal("acme", "EXAMPLE", example));
        later.put("format", 2);
        ObjectNode altered = (ObjectNode) json.readTree(sealed.seal("acme", "EXAMPLE", example));
        ObjectNode envelope = (ObjectNode) altered.path("secrets").path("token");
        String ct = envelope.path("ct").asText();
        envelope.put("ct", (ct.charAt(0) == 'A' ? 'B' : 'A') + ct.substring(1));

        assertThatThrownBy(() -> sealed.open("acme", "EXAMPLE", later.toString(), Example.class)).hasMessageContaining("format 2");
        assertThatThrownBy(() -> sealed.open("acme", "EXAMPLE", altered.toString(), Example.class)).hasMessageContaining("cannot be opened");
    }

    @Test
    void aSealMovedToAnotherMerchantsDocumentOrAnotherFieldDoesNotOpen() throws Exception {
        String acme = sealed.seal("acme", "EXAMPLE", example);
        ObjectNode swapped = (ObjectNode) json.readTree(sealed.seal("acme", "EXAMPLE",
                new Example(true, "acct-1", Secret.of("token-0123456789abcdef"), Secret.of("other-secret-0000"), null)));
        JsonNode token = swapped.path("secrets").path("token");
        ((ObjectNode) swapped.path("secrets")).set("token", swapped.path("secrets").path("other"));
        ((ObjectNode) swapped.path("secrets")).set("other", token);

        assertThatThrownBy(() -> sealed.open("globex", "EXAMPLE", acme, Example.class)).hasMessageContaining("cannot be opened");
        assertThatThrownBy(() -> sealed.open("acme", "OTHER", acme, Example.class)).hasMessageContaining("cannot be opened");
        assertThatThrownBy(() -> sealed.open("acme", "EXAMPLE", swapped.toString(), Example.class))
                .hasMessageContaining("cannot be opened");
    }

    @Test
    void answersAndPrintsSecretsMasked() throws Exception {
        assertThat(json.writeValueAsString(example)).contains("\"token\":\"****cdef\"").doesNotContain("0123456789");
        assertThat(example.toString()).contains("token=****cdef").doesNotContain("0123456789");
    }
}
