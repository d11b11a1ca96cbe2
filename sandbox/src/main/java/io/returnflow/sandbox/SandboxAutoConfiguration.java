package io.returnflow.sandbox;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The simulated partners, plugged into whatever Spring Boot web application has this module on its
 * classpath and {@code sandbox.enabled=true}: the service in its tests and local run (under
 * {@code /sandbox} on its own port), or {@link SandboxPartners} on its own. Off otherwise. Every
 * sandbox component carries the same condition, so a host whose own component scan reaches this
 * package (the service's does) registers the same beans once, not twice.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty("sandbox.enabled")
@EnableConfigurationProperties({SandboxProperties.class, SandboxNetSuiteProperties.class, SandboxTikTokApp.class})
@ComponentScan(basePackageClasses = SandboxAutoConfiguration.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class SandboxAutoConfiguration {

    /** The host's clock when it has one (the service's, a test's movable one), so partners and service agree on time. */
    @Bean
    @ConditionalOnMissingBean
    Clock sandboxClock() {
        return Clock.systemUTC();
    }
}
