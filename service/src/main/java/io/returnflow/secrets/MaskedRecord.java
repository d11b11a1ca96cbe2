package io.returnflow.secrets;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import io.returnflow.merchants.SecretMask;

/**
 * A record's {@code toString} with its secrets masked ({@link SecretMask}): every String component
 * named like a secret (token, secret, password, API key, credential, consumer key...) and the ones
 * named explicitly. For records that hold a secret:
 * {@code public String toString() { return MaskedRecord.toString(this); }}. Reflection here rather
 * than a hand-written string per record, so that a component added later is masked by its name.
 */
public final class MaskedRecord {

    /** Component names that hold secrets. RecordsPrintSecretsMaskedTest checks every record against its own list. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|password|passphrase|apikey|credential|consumerkey|privatekey|encryptionkey).*");

    private MaskedRecord() {
    }

    /** @param alsoSecret components to mask whose names do not say they are secrets */
    public static String toString(Record record, String... alsoSecret) {
        Set<String> named = Set.of(alsoSecret);
        StringJoiner parts = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = value(record, component);
            boolean secret = value instanceof CharSequence
                    && (named.contains(component.getName()) || SECRET_NAME.matcher(component.getName()).matches());
            parts.add(component.getName() + "=" + (secret ? SecretMask.mask(value.toString()) : value));
        }
        return parts.toString();
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }
}
