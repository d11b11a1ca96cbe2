package io.returnflow.security;

/** A merchant, authenticated with one of its API keys. */
public record MerchantPrincipal(String merchantId) implements ApiPrincipal {

    @Override
    public boolean mayAccess(String merchantId) {
        return this.merchantId.equals(merchantId);
    }

    @Override
    public String getName() {
        return "merchant:" + merchantId;
    }
}
