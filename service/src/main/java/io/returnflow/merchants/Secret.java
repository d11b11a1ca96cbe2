package io.returnflow.merchants;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A partner secret in a target's settings, in clear for the flows. It prints and serialises masked
 * ({@link SecretMask}), so a settings record holding it can be logged and answered as JSON without
 * leaking it; {@link SealedSettings} seals every {@code Secret} component on the way to the database.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "a secret has a value; use null for none");
    }

    /** From JSON: a string, or null for none. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Secret of(String value) {
        return value == null ? null : new Secret(value);
    }

    /** The value in clear, or null for no secret. */
    public static String valueOf(Secret secret) {
        return secret == null ? null : secret.value;
    }

    @JsonValue
    public String masked() {
        return SecretMask.mask(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
