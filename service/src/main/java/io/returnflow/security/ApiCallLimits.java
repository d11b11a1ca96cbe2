package io.returnflow.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One tenant cannot starve the others, nor the webhook intake: a merchant key's requests are
 * bounded in rate and in how many may be in progress (each may hold a server thread while it waits
 * on TikTok or Shopify), and all merchant keys together in how many threads they hold, so that a
 * partner that hangs leaves the server threads the intake needs. resilience4j's rate limiter and
 * semaphore bulkheads, never waiting: over a limit the answer comes at once. Runs after Spring
 * Security (the caller is known); the admin token is not limited.
 */
@Configuration(proxyBeanMethods = false)
class ApiCallLimits {

    /** After Spring Security's filter chain (order -100), whose context it reads. */
    static final int ORDER = 0;
    static final String RETRY_AFTER_SECONDS = "1";
    private static final int TOO_MANY_REQUESTS = 429;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiCallLimitsFilter(ApiLimitProperties limits, SecurityAnswers answers,
                                                                     MeterRegistry meters) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Limits(limits, answers, meters));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ORDER);
        return registration;
    }

    private static final class Limits extends OncePerRequestFilter {

        private final Bulkhead allKeys;
        private final BulkheadRegistry perKey;
        private final RateLimiterRegistry rates;
        private final SecurityAnswers answers;
        private final MeterRegistry meters;

        Limits(ApiLimitProperties limits, SecurityAnswers answers, MeterRegistry meters) {
            this.allKeys = Bulkhead.of("merchant-api", BulkheadConfig.custom()
                    .maxConcurrentCalls(limits.maxConcurrent()).maxWaitDuration(Duration.ZERO).build());
            this.perKey = BulkheadRegistry.of(BulkheadConfig.custom()
                    .maxConcurrentCalls(limits.maxConcurrentPerKey()).maxWaitDuration(Duration.ZERO).build());
            this.rates = RateLimiterRegistry.of(RateLimiterConfig.custom()
                    .limitForPeriod(limits.requestsPerSecondPerKey()).limitRefreshPeriod(Duration.ofSeconds(1))
                    .timeoutDuration(Duration.ZERO).build());
            this.answers = answers;
            this.meters = meters;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            if (caller == null || !(caller.getPrincipal() instanceof MerchantPrincipal merchant)) {
                chain.doFilter(request, response);
                return;
            }
            RateLimiter rate = rates.rateLimiter(merchant.keyId());
            if (!rate.acquirePermission()) {
                refuse(response, "rate", TOO_MANY_REQUESTS,
                        "this API key made more than " + rate.getRateLimiterConfig().getLimitForPeriod()
                                + " requests in a second; try again in a moment");
                return;
            }
            Bulkhead key = perKey.bulkhead(merchant.keyId());
            if (!key.tryAcquirePermission()) {
                refuse(response, "key_concurrency", TOO_MANY_REQUESTS,
                        "this API key has " + key.getBulkheadConfig().getMaxConcurrentCalls()
                                + " requests in progress already; try again when one is answered");
                return;
            }
            try {
                if (!allKeys.tryAcquirePermission()) {
                    refuse(response, "busy", HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                            "the merchant API is busy; try again in a moment");
                    return;
                }
                try {
                    chain.doFilter(request, response);
                } finally {
                    allKeys.onComplete();
                }
            } finally {
                key.onComplete();
            }
        }

        private void refuse(HttpServletResponse response, String reason, int status, String message) throws IOException {
            meters.counter("api.calls.limited", "reason", reason).increment();
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            answers.limited(response, status, message);
        }
    }
}
