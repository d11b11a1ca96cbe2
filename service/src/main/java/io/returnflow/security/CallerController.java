package io.returnflow.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the bearer token belongs to: a client that holds only a key (the console after sign-in)
 * learns whether it is the admin or which merchant's key it is.
 */
@RestController
class CallerController {

    /** @param merchantId the key's merchant; null for the admin */
    record Caller(String role, String merchantId) {
    }

    @GetMapping("/api/me")
    Caller me(@AuthenticationPrincipal ApiPrincipal caller) {
        if (caller instanceof MerchantPrincipal merchant) {
            return new Caller(ApiTokenAuthentication.MERCHANT, merchant.merchantId());
        }
        return new Caller(ApiTokenAuthentication.ADMIN, null);
    }
}
