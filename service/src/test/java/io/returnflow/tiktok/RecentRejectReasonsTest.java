package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.returnflow.returns.RejectReason;
import io.returnflow.support.MutableClock;
import io.returnflow.tiktok.connect.ConnectedShop;
import io.returnflow.tiktok.connect.ShopStatus;

import org.junit.jupiter.api.Test;

/** The merchant API's reject reasons: one TikTok call per return and status for five minutes. */
class RecentRejectReasonsTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger asked = new AtomicInteger();
    private final RecentRejectReasons reasons = new RecentRejectReasons((returnId, token, cipher) -> {
        asked.incrementAndGet();
        return List.of(new RejectReason("reason-" + asked.get(), "for " + returnId));
    }, clock, Duration.ofMinutes(5));
    private final ConnectedShop shop = new ConnectedShop("shop-1", "m-1", "Shop", "US", "ROW_1", "token",
            Instant.now().plusSeconds(3600), ShopStatus.CONNECTED);

    @Test
    void asksTikTokOncePerReturnForFiveMinutes() {
        List<RejectReason> first = reasons.of(shop, "r-1", "RETURN_OR_REFUND_REQUEST_PENDING");
        clock.advance(Duration.ofMinutes(4));

        assertThat(reasons.of(shop, "r-1", "RETURN_OR_REFUND_REQUEST_PENDING")).isEqualTo(first);
        assertThat(asked).hasValue(1);

        clock.advance(Duration.ofMinutes(2));
        assertThat(reasons.of(shop, "r-1", "RETURN_OR_REFUND_REQUEST_PENDING")).isNotEqualTo(first);
        assertThat(asked).hasValue(2);
    }

    @Test
    void asksAgainForAnotherReturnOrOnceTheReturnMovedOn() {
        reasons.of(shop, "r-1", "RETURN_OR_REFUND_REQUEST_PENDING");

        reasons.of(shop, "r-2", "RETURN_OR_REFUND_REQUEST_PENDING");
        reasons.of(shop, "r-1", "BUYER_SHIPPED_ITEM");

        assertThat(asked).hasValue(3);
    }
}
