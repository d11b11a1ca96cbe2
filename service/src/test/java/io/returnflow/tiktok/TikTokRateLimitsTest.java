package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.returnflow.partners.PartnerUnavailableException;

import org.junit.jupiter.api.Test;

class TikTokRateLimitsTest {

    private final TikTokRateLimits limits = new TikTokRateLimits(5, Duration.ZERO);

    private void callTimes(String shop, String path, int times) {
        for (int i = 0; i < times; i++) {
            limits.acquire(shop, path);
        }
    }

    @Test
    void holdsBackTheCallOverTheLimitOfAShopsApi() {
        callTimes("shop-a", "/return_refund/202309/returns/search", 5);

        assertThatThrownBy(() -> limits.acquire("shop-a", "/return_refund/202309/returns/search"))
                .isInstanceOf(PartnerUnavailableException.class)
                .hasMessageContaining("rate limit");
    }

    @Test
    void countsOneApiWhateverReturnItNames() {
        for (int i = 0; i < 5; i++) {
            limits.acquire("shop-a", "/return_refund/202309/returns/57738" + i + "/approve");
        }

        assertThatThrownBy(() -> limits.acquire("shop-a", "/return_refund/202309/returns/999/approve"))
                .isInstanceOf(PartnerUnavailableException.class);
    }

    @Test
    void limitsEachShopAndEachApiOnItsOwn() {
        callTimes("shop-a", "/return_refund/202309/returns/search", 5);

        assertThatCode(() -> limits.acquire("shop-b", "/return_refund/202309/returns/search")).doesNotThrowAnyException();
        assertThatCode(() -> limits.acquire("shop-a", "/return_refund/202309/reject_reasons")).doesNotThrowAnyException();
    }
}
