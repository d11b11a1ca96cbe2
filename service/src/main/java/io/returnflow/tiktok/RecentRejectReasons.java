package io.returnflow.tiktok;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.returnflow.returns.RejectReason;
import io.returnflow.tiktok.connect.ConnectedShop;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * TikTok's reject reasons of a return as the merchant API answers them: kept per return and
 * TikTok status for {@code tiktok.reject-reasons.cache-for} (5 minutes), so a page asking again
 * and again (or a key asking on purpose) costs TikTok one call, not one per request. A new status
 * asks again (the list differs by stage). The decision sync does not use this: it asks TikTok
 * afresh before sending.
 */
@Component
public class RecentRejectReasons {

    /** How the reasons are read from TikTok. */
    interface Source {
        List<RejectReason> list(String returnId, String accessToken, String shopCipher);
    }

    private final Source source;
    private final Cache<String, List<RejectReason>> recent;

    @Autowired
    RecentRejectReasons(TikTokRejectReasons reasons, Clock clock,
                        @Value("${tiktok.reject-reasons.cache-for:5m}") Duration keepFor) {
        this(reasons::list, clock, keepFor);
    }

    RecentRejectReasons(Source source, Clock clock, Duration keepFor) {
        this.source = source;
        this.recent = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(keepFor)
                .maximumSize(10_000)
                .build();
    }

    public List<RejectReason> of(ConnectedShop shop, String returnId, String tiktokStatus) {
        return recent.get(shop.shopId() + ":" + returnId + ":" + tiktokStatus,
                key -> source.list(returnId, shop.accessToken(), shop.cipher()));
    }
}
