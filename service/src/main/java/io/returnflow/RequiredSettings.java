package io.returnflow;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Closed by default: unless the local or test profile was chosen, the service runs as in prod and
 * refuses to start when a secret or endpoint has no value, naming every missing key at once (before
 * any connection is attempted), instead of failing later on a null. Outside local and test the
 * simulated partners are never switched on ({@code sandbox.enabled}), whatever the configuration says.
 */
public class RequiredSettings implements EnvironmentPostProcessor {

    static final List<String> PROD_KEYS = List.of(
            "spring.datasource.url",
            "spring.artemis.broker-url",
            "tiktok.app-key",
            "tiktok.app-secret",
            "tiktok.service-id",
            "tiktok.oauth-redirect-url",
            "app.admin-token",
            "app.encryption-key");

    /** The profiles that may run embedded, with generated secrets and simulated partners. */
    public static final Profiles EMBEDDED = Profiles.of("local | test");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(EMBEDDED)) {
            return;
        }
        String profiles = environment.getActiveProfiles().length == 0 ? "no profile"
                : "profile(s) " + String.join(",", environment.getActiveProfiles());
        List<String> missing = new ArrayList<>();
        for (String key : PROD_KEYS) {
            String value = environment.getProperty(key);
            if (value == null || value.isBlank()) {
                missing.add(key + " (" + key.toUpperCase().replace('.', '_').replace('-', '_') + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Started with " + profiles + ", the service runs as in prod and needs these"
                    + " settings, which have no value: " + String.join(", ", missing)
                    + ". For the embedded local mode, choose it: --spring.profiles.active=local");
        }
        if (environment.getProperty("sandbox.enabled", Boolean.class, false)) {
            throw new IllegalStateException("sandbox.enabled=true is refused with " + profiles
                    + ": simulated partners run in the local and test profiles only");
        }
    }
}
