package io.returnflow.sandbox;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The simulated partners as a process of their own (target/tiktok-returns-sandbox-*-partners.jar):
 * the partners of the reliability run and the end-to-end benchmark, which tell it where the service
 * under test is ({@code sandbox.webhook-url}, {@code tiktok.oauth-redirect-url}) and which app it is
 * ({@code tiktok.app-key}, {@code tiktok.app-secret}). Its settings: sandbox-partners.yml.
 *
 * <p>Not a {@code @Configuration} (only {@code @EnableAutoConfiguration}), so that a host scanning
 * this package for components does not take it for one of its own.
 */
@EnableAutoConfiguration
public final class SandboxPartners {

    public static void main(String[] args) {
        new SpringApplicationBuilder(SandboxPartners.class)
                .properties("spring.config.name=sandbox-partners")
                .run(args);
    }
}
