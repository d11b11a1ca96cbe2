package io.returnflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
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
        Map<String, Object> isolation = new HashMap<>();
        if (environment.getProperty(ID) == null) {
            isolation.put(ID, "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        }
        if ("8080".equals(environment.getProperty("server.port"))) {
            isolation.put("server.port", freePort());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("testIsolation", isolation));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
