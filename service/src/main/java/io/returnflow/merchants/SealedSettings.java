package io.returnflow.merchants;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.returnflow.secrets.SealBinding;
import io.returnflow.secrets.Sealed;
import io.returnflow.secrets.SecretBox;

import org.springframework.stereotype.Component;

/**
 * A target's settings as stored: one JSON document whose clear fields and sealed secrets are kept
 * apart, every {@link Secret} component of the settings record sealed on its own:
 * <pre>
 * {"format": 1,
 *  "settings": {"enabled": true, "accountId": "1234567_SB1", "locationId": "1"},
 *  "secrets":  {"tokenSecret": {"alg": "A256GCM", "kid": "1a2b3c4d", "aad": "merchant-field", "ct": "..."}, ...}}
 * </pre>
 * Secrets are keyed by their field, inside a row keyed by merchant and target; each seal is bound to
 * the merchant and to {@code <TARGET>.<field>} (e.g. {@code NETSUITE.tokenSecret}, AES-GCM associated
 * data) and names its key ({@link Sealed}). Written by hand (small): no library seals selected
 * fields of a record.
 */
@Component
public class SealedSettings {

    static final int FORMAT = 1;

    private final ObjectMapper json;
    private final SecretBox secrets;

    public SealedSettings(ObjectMapper json, SecretBox secrets) {
        // the stored format does not follow the API's serialisation settings: times are ISO-8601 strings
        this.json = json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.secrets = secrets;
    }

    /** The document to store for these settings of the merchant for the target. */
    public String seal(String merchantId, String target, TargetSettings settings) {
        ObjectNode document = json.createObjectNode();
        document.put("format", FORMAT);
        ObjectNode clear = document.putObject("settings");
        ObjectNode sealed = document.putObject("secrets");
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Object value = valueOf(component, settings);
            if (component.getType() == Secret.class) {
                if (value != null) {
                    sealed.set(component.getName(), json.valueToTree(secrets.sealValue(((Secret) value).value(),
                            binding(merchantId, target, component.getName()))));
                }
            } else {
                clear.set(component.getName(), json.valueToTree(value));
            }
        }
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the settings of " + settings.getClass().getSimpleName(), e);
        }
    }

    /** The settings a stored document of the merchant for the target holds, secrets opened. */
    public <S extends TargetSettings> S open(String merchantId, String target, String document, Class<S> type) {
        try {
            JsonNode stored = json.readTree(document);
            if (stored.path("format").asInt(-1) != FORMAT) {
                throw new IllegalStateException("stored " + type.getSimpleName() + " are in format "
                        + stored.path("format") + ", which this version cannot read");
            }
            ObjectNode settings = stored.path("settings").isObject() ? ((ObjectNode) stored.get("settings")).deepCopy()
                    : json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = stored.path("secrets").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> secret = it.next();
                settings.put(secret.getKey(), secrets.openValue(envelope(secret.getKey(), secret.getValue()),
                        binding(merchantId, target, secret.getKey())));
            }
            return json.treeToValue(settings, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage());
        }
    }

    /**
     * The document with every seal that is not current (another key, or unbound) sealed anew under
     * the current key; empty when all are current already.
     */
    public Optional<String> resealed(String merchantId, String target, String document) {
        try {
            ObjectNode stored = (ObjectNode) json.readTree(document);
            boolean changed = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = stored.path("secrets").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> secret = it.next();
                Sealed envelope = envelope(secret.getKey(), secret.getValue());
                if (!secrets.isCurrent(envelope)) {
                    SealBinding binding = binding(merchantId, target, secret.getKey());
                    secret.setValue(json.valueToTree(secrets.sealValue(secrets.openValue(envelope, binding), binding)));
                    changed = true;
                }
            }
            return changed ? Optional.of(json.writeValueAsString(stored)) : Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings of " + target + " cannot be read: " + e.getOriginalMessage());
        }
    }

    private static SealBinding binding(String merchantId, String target, String field) {
        return new SealBinding(merchantId, target + "." + field);
    }

    /** Strict: an envelope carrying more than this version knows is not guessed at. */
    private static Sealed envelope(String field, JsonNode node) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!List.of("alg", "kid", "aad", "ct").contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("the sealed " + field + " carries " + unknown + ", which this version cannot open");
        }
        return new Sealed(node.path("alg").asText(null), node.path("kid").asText(null), node.path("aad").asText(null),
                node.path("ct").asText(null));
    }

    private static Object valueOf(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }
}
