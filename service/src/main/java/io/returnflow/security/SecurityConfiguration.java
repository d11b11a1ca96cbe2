package io.returnflow.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-token security: the admin token for /api/admin/** and the operations endpoints
 * (metrics, detailed health), merchant API keys (or the admin token) for the merchant API, and the
 * endpoints that partners, browsers and probes reach without credentials left open. No sessions
 * and no credential cookies, hence no CSRF protection to keep (the one cookie, TikTok connect's,
 * only binds a callback to its browser and authorizes nothing).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ADMIN = ApiTokenAuthentication.ADMIN;
    private static final String MERCHANT = ApiTokenAuthentication.MERCHANT;

    /**
     * The console's pages run their own scripts and styles only and call only this server; images
     * come from here, or, for a buyer's evidence, from the marketplace's media hosts
     * ({@code app.console.evidence-image-hosts}) and nowhere else.
     */
    static String consoleContentSecurityPolicy(List<String> evidenceImageHosts) {
        String imageHosts = evidenceImageHosts.stream().map(String::strip).filter(host -> !host.isEmpty())
                .map(host -> " " + host).collect(Collectors.joining());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" + imageHosts + ";"
                + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /**
     * Path patterns ({@code /api/merchants/{merchantId}/**}) are matched on the request path alone,
     * not by asking Spring MVC's handler mappings on every request (Spring Security's default while
     * Spring MVC is present).
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean requestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * No observations of Spring Security's own (management.observations.enable.spring.security is
     * off too, which only drops them once made): without this, every filter of every chain is still
     * wrapped in an observation that is then thrown away.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * TikTok's webhooks carry no bearer token: they are authenticated by their signature, the first
     * step of their route (WebhookAuthenticator), after their size is capped (WebhookBodyLimitFilter).
     * Their chain keeps the firewall and nothing else, so the busiest path pays for no security
     * context, session, anonymous principal, header writers or authorization lookup.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/webhooks/**")
                .csrf(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiTokenAuthentication tokens, SecurityAnswers answers,
                            @Value("${app.console.evidence-image-hosts:}") List<String> evidenceImageHosts) throws Exception {
        // Built here rather than as a bean, which Spring Boot would also register as a servlet filter.
        AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(tokens), SecurityConfiguration::bearerToken);
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler((request, response, e) -> answers.unauthenticated(response, "the bearer token is not valid"));

        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterAt(bearer, BasicAuthenticationFilter.class)
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                        new StaticHeadersWriter("Content-Security-Policy", consoleContentSecurityPolicy(evidenceImageHosts)))))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> answers.unauthenticated(response,
                                "authentication required: send Authorization: Bearer <token>"))
                        .accessDeniedHandler(accessDenied(answers)))
                .authorizeHttpRequests(a -> a
                        // Spring's error page renders whatever status a permitted request already has.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // probes: {"status": ...} only, unless the admin asks (management.endpoint.health.roles)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // metrics name routes, queues and partners: the operator's, not the public's
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .requestMatchers("/webhooks/**", "/oauth/tiktok/callback").permitAll()
                        .requestMatchers("/", "/index.html", "/console/**", "/assets/**", "/favicon.ico", "/error").permitAll()
                        // the API's OpenAPI description and its Swagger UI: no secrets, only shapes
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .requestMatchers("/api/me").hasAnyRole(ADMIN, MERCHANT)
                        .requestMatchers("/api/merchants/{merchantId}/**").access(SecurityConfiguration::ownMerchant)
                        .requestMatchers("/api/returns/**").hasAnyRole(ADMIN, MERCHANT)
                        .anyRequest().hasRole(ADMIN))
                .build();
    }

    /** The path's merchant must be the key's own merchant (the admin may access every merchant). */
    private static AuthorizationDecision ownMerchant(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Object principal = authentication.get().getPrincipal();
        String merchantId = context.getVariables().get("merchantId");
        return new AuthorizationDecision(principal instanceof ApiPrincipal caller && caller.mayAccess(merchantId));
    }

    /** Another merchant's paths answer 404 like a merchant that does not exist; elsewhere 403. */
    private static AccessDeniedHandler accessDenied(SecurityAnswers answers) {
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> byPath = new LinkedHashMap<>();
        byPath.put(PathPatternRequestMatcher.withDefaults().matcher("/api/merchants/**"),
                (request, response, e) -> answers.notFound(response));
        return new RequestMatcherDelegatingAccessDeniedHandler(byPath, (request, response, e) -> answers.forbidden(response));
    }

    private static BearerToken bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null; // no bearer token (a TikTok webhook signs with a bare Authorization value)
        }
        return new BearerToken(header.substring(7).trim());
    }
}
