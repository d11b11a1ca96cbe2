package io.returnflow.sandbox;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tells the host that simulated partners answer on its port: {@code app.simulated-partners=true}
 * when {@code sandbox.enabled} is (the service's console then offers "Simulate a TikTok return").
 * A setting rather than a class, so the host depends on nothing of the sandbox; the lowest
 * precedence, so the host's own configuration may still say otherwise.
 */
public class SandboxPresence implements EnvironmentPostProcessor {

    static final String SIMULATED_PARTNERS = "app.simulated-partners";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("sandbox.enabled", Boolean.class, false)) {
            environment.getPropertySources().addLast(new MapPropertySource("sandboxPresence",
                    Map.of(SIMULATED_PARTNERS, "true")));
        }
    }
}
