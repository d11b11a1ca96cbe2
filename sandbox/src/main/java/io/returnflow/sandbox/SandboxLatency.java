package io.returnflow.sandbox;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every partner API call of the sandbox take at least {@code sandbox.latency}, as calls to
 * real partners across the internet do, so that benchmarks see the service wait as it would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("sandbox.enabled")
class SandboxLatency {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sandboxLatencyFilter(SandboxProperties sandbox) {
        long millis = sandbox.latency().toMillis();
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (millis > 0 && SandboxPartnerCalls.isPartnerApi(request.getRequestURI())) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ServletException("interrupted while simulating partner latency", e);
                    }
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/sandbox/*");
        return registration;
    }
}
