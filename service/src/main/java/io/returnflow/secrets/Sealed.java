package io.returnflow.secrets;

/**
 * A sealed secret as a settings document stores it:
 * {@code {"alg": "A256GCM", "kid": "<key id>", "aad": "merchant-field", "ct": "<base64 of IV | ciphertext | tag>"}}.
 * An envelope without {@code kid} and {@code aad} was sealed before seals were bound and keys had
 * ids: it opens under any configured key, without associated data, until it is re-sealed.
 *
 * @param alg how it was sealed: {@value #AES_256_GCM}, the only one
 * @param kid the id of the key that sealed it ({@link SecretBox}); null for an unbound seal of old
 * @param aad the associated data scheme: {@value #MERCHANT_FIELD} (its {@link SealBinding}); null for an unbound seal of old
 * @param ct  base64 of the 96-bit IV, the ciphertext and the 128-bit GCM tag
 */
public record Sealed(String alg, String kid, String aad, String ct) {

    public static final String AES_256_GCM = "A256GCM";
    public static final String MERCHANT_FIELD = "merchant-field";
}
