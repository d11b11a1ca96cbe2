package io.returnflow.intake;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a webhook 503 with {@code Retry-After} while the intake route is not running. The web
 * server takes requests a few seconds before Camel has started its routes (and the webhook servlet
 * has its consumer): without this a webhook arriving during a start or restart got a 404,
 * which says "no such endpoint" rather than "try again".
 */
@Configuration(proxyBeanMethods = false)
class WebhookIntakeReadiness {

    /** The route of tiktok-webhook-intake.camel.yaml. */
    static final String INTAKE_ROUTE = "tiktok-webhook-intake";
    static final String RETRY_AFTER_SECONDS = "5";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookIntakeReadinessFilter(CamelContext camel) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (camel.getRouteController().getRouteStatus(INTAKE_ROUTE) != ServiceStatus.Started) {
                    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                    response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/webhooks/tiktok");
        // before the body limit: a webhook that cannot be taken now is not read at all
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
