package io.returnflow.merchants;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.returnflow.secrets.Sealed;
import io.returnflow.secrets.SecretBox;

import org.springframework.stereotype.Component;

/**
 * A target's settings as stored: one JSON document whose clear fields and sealed secrets are kept
 * apart, every {@link Secret} component of the settings record sealed on its own:
 * <pre>
 * {"format": 1,
 *  "settings": {"enabled": true, "accountId": "1234567_SB1", "locationId": "1"},
 *  "secrets":  {"tokenSecret": {"alg": "A256GCM", "ct": "..."}, ...}}
 * </pre>
 * Secrets are keyed by their field, inside a row keyed by merchant and target: what a later change
 * needs to bind each seal to its merchant and field (AES-GCM associated data), recorded in the
 * envelope ({@link Sealed}) next to a key id, without reshaping the document. Written by hand (small):
 * no library seals selected fields of a record.
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

    /** The document to store for these settings. */
    public String seal(TargetSettings settings) {
        ObjectNode document = json.createObjectNode();
        document.put("format", FORMAT);
        ObjectNode clear = document.putObject("settings");
        ObjectNode sealed = document.putObject("secrets");
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Object value = valueOf(component, settings);
            if (component.getType() == Secret.class) {
                if (value != null) {
                    sealed.set(component.getName(), json.valueToTree(secrets.sealValue(((Secret) value).value())));
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

    /** The settings a stored document holds, secrets opened. */
    public <S extends TargetSettings> S open(String document, Class<S> type) {
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
                settings.put(secret.getKey(), secrets.openValue(envelope(secret.getKey(), secret.getValue())));
            }
            return json.treeToValue(settings, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage());
        }
    }

    /** Strict: an envelope carrying more than this version knows (a key id, associated data) is not guessed at. */
    private static Sealed envelope(String field, JsonNode node) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!"alg".equals(name) && !"ct".equals(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("the sealed " + field + " carries " + unknown + ", which this version cannot open");
        }
        return new Sealed(node.path("alg").asText(null), node.path("ct").asText(null));
    }

    private static Object valueOf(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }
}
