package io.returnflow.security;

import java.security.Principal;

/**
 * Who is calling the API, as controllers receive it:
 * {@code @AuthenticationPrincipal ApiPrincipal caller} (or {@code MerchantPrincipal merchant}, null
 * for the admin). Data of a merchant the caller may not access must answer 404, not 403, so that
 * merchant ids do not leak.
 */
public sealed interface ApiPrincipal extends Principal permits AdminPrincipal, MerchantPrincipal {

    /** The admin may access every merchant, a merchant API key only its own merchant. */
    boolean mayAccess(String merchantId);
}
