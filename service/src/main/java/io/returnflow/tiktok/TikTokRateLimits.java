package io.returnflow.tiktok;

import java.time.Duration;
import java.util.regex.Pattern;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * TikTok allows 50 requests per second per API per (app, shop). Each instance keeps every (shop,
 * API) pair under {@code tiktok.rate-limit.per-second} (default 40: headroom, and divide by the
 * number of instances when scaling out). A call that cannot get a permit within the wait is work
 * for later, never a 429 earned.
 */
@Component
public class TikTokRateLimits {

    /** Ids in paths (a return id) do not make another API: /returns/123/approve is one API. */
    private static final Pattern ID_SEGMENT = Pattern.compile("/\\d+(?=/|$)");

    private final RateLimiterRegistry limiters;

    public TikTokRateLimits(@Value("${tiktok.rate-limit.per-second:40}") int perSecond,
                            @Value("${tiktok.rate-limit.wait:5s}") Duration wait) {
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(wait)
                .build());
    }

    /** Blocks until the (shop, API) pair may send one more request. */
    public void acquire(String shopCipher, String path) {
        String api = ID_SEGMENT.matcher(path).replaceAll("/{id}");
        String key = (shopCipher == null ? "app" : shopCipher) + " " + api;
        if (!limiters.rateLimiter(key).acquirePermission()) {
            throw new PartnerUnavailableException(TikTokClient.PARTNER, "over this service's own rate limit for " + api,
                    Duration.ofSeconds(1), null);
        }
    }
}
