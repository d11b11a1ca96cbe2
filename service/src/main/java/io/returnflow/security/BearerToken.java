package io.returnflow.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** The not yet verified token of an {@code Authorization: Bearer} header. */
final class BearerToken extends AbstractAuthenticationToken {

    private final String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
