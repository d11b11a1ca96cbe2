package io.returnflow.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * In a host with Spring Security (the service), {@code /sandbox/**} gets a filter chain of its own,
 * ahead of the host's: the simulated partners check their own credentials (a TikTok signature, a
 * NetSuite OAuth header, a ShipHero bearer token that is not the host's), as the real ones do. The
 * host's security needs to know nothing of them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("sandbox.enabled")
@ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
class SandboxSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain sandboxSecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/sandbox/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }
}
