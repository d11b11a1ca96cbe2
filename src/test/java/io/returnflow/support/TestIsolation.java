package io.returnflow.support;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Gives each test application context its own database (or schema) and broker directory. */
public class TestIsolation implements EnvironmentPostProcessor {

    public static final String ID = "test.isolation-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(ID) == null) {
            String id = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            environment.getPropertySources().addLast(new MapPropertySource("testIsolation", Map.of(ID, id)));
        }
    }
}
