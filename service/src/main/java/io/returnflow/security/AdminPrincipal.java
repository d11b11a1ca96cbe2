package io.returnflow.security;

/** The operator, authenticated with {@code app.admin-token}. */
public enum AdminPrincipal implements ApiPrincipal {
    INSTANCE;

    @Override
    public boolean mayAccess(String merchantId) {
        return true;
    }

    @Override
    public String getName() {
        return "admin";
    }
}
