package io.returnflow.merchants;

/**
 * How a secret is shown: {@code ****} followed by its last 4 characters when it has at least 16
 * (enough to tell two configured tokens apart while revealing at most a quarter of the value),
 * otherwise {@code ****} alone.
 */
public final class SecretMask {

    static final String MASK = "****";
    private static final int MIN_LENGTH_FOR_HINT = 16;

    private SecretMask() {
    }

    public static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        return secret.length() >= MIN_LENGTH_FOR_HINT ? MASK + secret.substring(secret.length() - 4) : MASK;
    }

    static boolean isMasked(String value) {
        return value != null && value.startsWith(MASK);
    }
}
