package io.returnflow.security;

/**
 * A merchant, authenticated with one of its API keys.
 *
 * @param keyId which of the merchant's keys (its id, not the key): limits apply per key
 */
public record MerchantPrincipal(String merchantId, String keyId) implements ApiPrincipal {

    @Override
    public boolean mayAccess(String merchantId) {
        return this.merchantId.equals(merchantId);
    }

    @Override
    public String getName() {
        return "merchant:" + merchantId;
    }
}
