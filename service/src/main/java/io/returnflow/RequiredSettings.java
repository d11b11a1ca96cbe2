package io.returnflow;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * In the prod profile, refuses to start when a secret or endpoint has no value, naming every
 * missing key at once (before any connection is attempted), instead of failing later on a null.
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

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String key : PROD_KEYS) {
            String value = environment.getProperty(key);
            if (value == null || value.isBlank()) {
                missing.add(key + " (" + key.toUpperCase().replace('.', '_').replace('-', '_') + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The prod profile needs these settings, which have no value: "
                    + String.join(", ", missing));
        }
    }
}
