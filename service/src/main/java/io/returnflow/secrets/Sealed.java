package io.returnflow.secrets;

/**
 * A sealed secret as a settings document stores it: {@code {"alg": "A256GCM", "ct": "<base64 of IV |
 * ciphertext | tag>"}}. An object rather than a string so that what a later change needs sits
 * beside the ciphertext without reshaping the document: {@code kid} (which key sealed it, for
 * rotation) and {@code aad} (the associated data scheme binding the seal to its merchant and field).
 * Until then an envelope with fields it does not know fails to open rather than being misread.
 *
 * @param alg how it was sealed: {@value #AES_256_GCM}, the only one so far
 * @param ct  base64 of the 96-bit IV, the ciphertext and the 128-bit GCM tag
 */
public record Sealed(String alg, String ct) {

    public static final String AES_256_GCM = "A256GCM";
}
