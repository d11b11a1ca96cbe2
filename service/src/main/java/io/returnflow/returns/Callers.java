package io.returnflow.returns;

import io.returnflow.security.AdminPrincipal;
import io.returnflow.security.ApiPrincipal;
import io.returnflow.security.MerchantPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Whose returns a caller of the merchant API means: its own, or, for the admin, the named merchant's. */
public final class Callers {

    private Callers() {
    }

    public static String merchantOf(ApiPrincipal caller, String merchantId) {
        if (caller instanceof MerchantPrincipal merchant) {
            return merchant.merchantId();
        }
        if (caller instanceof AdminPrincipal && merchantId != null && !merchantId.isBlank()) {
            return merchantId;
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "with the admin token, name the merchant: ?merchantId=...");
    }
}
