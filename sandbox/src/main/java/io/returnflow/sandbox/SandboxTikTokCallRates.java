package io.returnflow.sandbox;

import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How hard the service calls the sandbox TikTok per shop: TikTok allows about 50 calls a second per
 * shop and API, so benchmarks print the busiest second of each shop ({@code GET /sandbox/tiktok/call-rates}).
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokCallRates {

    /** A shop's calls: all of them, and the most in one wall-clock second. */
    record ShopCallRate(String shopId, long calls, long peakPerSecond) {
    }

    /** shop id -> epoch second -> calls */
    private final Map<String, Map<Long, AtomicLong>> callsPerSecond = new ConcurrentHashMap<>();
    private final SandboxTikTokGrants grants;
    private final Clock clock;

    SandboxTikTokCallRates(SandboxTikTokGrants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    @GetMapping("/sandbox/tiktok/call-rates")
    List<ShopCallRate> rates() {
        return callsPerSecond.entrySet().stream()
                .map(shop -> new ShopCallRate(shop.getKey(),
                        shop.getValue().values().stream().mapToLong(AtomicLong::get).sum(),
                        shop.getValue().values().stream().mapToLong(AtomicLong::get).max().orElse(0)))
                .sorted(Comparator.comparing(ShopCallRate::shopId))
                .toList();
    }

    @DeleteMapping("/sandbox/tiktok/call-rates")
    @ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void reset() {
        callsPerSecond.clear();
    }

    private void count(HttpServletRequest request) {
        String cipher = request.getParameter("shop_cipher");
        if (cipher == null) {
            return; // app-scoped (authorized shops)
        }
        grants.shopOf(request.getHeader("x-tts-access-token"), cipher).ifPresent(shopId ->
                callsPerSecond.computeIfAbsent(shopId, id -> new ConcurrentHashMap<>())
                        .computeIfAbsent(clock.instant().getEpochSecond(), second -> new AtomicLong())
                        .incrementAndGet());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("sandbox.enabled")
    static class CallCounter {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> sandboxTikTokCallCounter(SandboxTikTokCallRates rates) {
            var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    if (SandboxPartnerCalls.isTikTokPartnerApi(request.getRequestURI())) {
                        rates.count(request);
                    }
                    chain.doFilter(request, response);
                }
            });
            registration.addUrlPatterns("/sandbox/tiktok/*");
            return registration;
        }
    }
}
