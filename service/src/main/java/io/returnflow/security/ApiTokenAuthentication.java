package io.returnflow.security;

import java.util.List;

import io.returnflow.merchants.MerchantApiKeys;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

/** Resolves a bearer token to the admin or to the merchant owning the API key. */
@Component
class ApiTokenAuthentication implements AuthenticationProvider {

    static final String ADMIN = "ADMIN";
    static final String MERCHANT = "MERCHANT";

    private final AdminToken adminToken;
    private final MerchantApiKeys apiKeys;

    ApiTokenAuthentication(AdminToken adminToken, MerchantApiKeys apiKeys) {
        this.adminToken = adminToken;
        this.apiKeys = apiKeys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = (String) authentication.getCredentials();
        if (adminToken.matches(token)) {
            return authenticated(AdminPrincipal.INSTANCE, ADMIN);
        }
        return apiKeys.ownerOf(token)
                .map(owner -> authenticated(new MerchantPrincipal(owner.merchantId(), owner.keyId()), MERCHANT))
                .orElseThrow(() -> new BadCredentialsException("the bearer token is not valid"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }

    private static Authentication authenticated(ApiPrincipal principal, String role) {
        return new PreAuthenticatedAuthenticationToken(principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    }
}
