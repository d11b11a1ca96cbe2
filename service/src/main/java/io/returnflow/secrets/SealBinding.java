package io.returnflow.secrets;

/**
 * What a seal belongs to: the merchant and the field ({@code shopify.accessToken},
 * {@code netsuite.tokenSecret}, {@code tiktok.refreshToken}). Sealed as AES-GCM associated data, so
 * a sealed value copied to another merchant's row or another field does not open.
 */
public record SealBinding(String merchantId, String field) {

    public SealBinding {
        if (merchantId == null || merchantId.isBlank() || field == null || field.isBlank()) {
            throw new IllegalArgumentException("a seal is bound to a merchant and a field");
        }
    }

    /** The associated data: unambiguous, as merchant ids and field names hold no '|'. */
    byte[] associatedData() {
        return ("returnflow seal v2|" + merchantId + "|" + field).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
