package io.returnflow.security;

import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Security's filter guards the servlet that serves the API, the console, the actuator and
 * the OAuth callback (Spring MVC's DispatcherServlet) and not Camel's webhook servlet
 * ({@code /webhooks/*}). A TikTok webhook carries no bearer token: it is authenticated by its
 * signature, the first step of its route (WebhookAuthenticator), and its size is capped before that
 * (WebhookBodyLimitFilter). Passing it through the security chain cost most of the intake's CPU (a
 * Spring MVC handler lookup per request among it) and decided nothing: that chain permits it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityFilterScope {

    /** Spring Boot's registration of the security filter ({@code SecurityFilterAutoConfiguration}). */
    static final String REGISTRATION = "securityFilterChainRegistration";

    @Bean
    static BeanPostProcessor securityFilterOnDispatcherServletOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration && name.equals(REGISTRATION)) {
                    registration.setUrlPatterns(List.of());
                    registration.setServletNames(Set.of(DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME));
                }
                return bean;
            }
        };
    }
}
