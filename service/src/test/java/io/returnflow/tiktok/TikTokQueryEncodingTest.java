package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.connect.ConnectedShop;
import io.returnflow.tiktok.connect.ConnectedShops;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Signed query values travel as they were signed: the sandbox TikTok, like TikTok, checks the
 * signature over the values as its server decodes them, where a bare '+' is a space.
 */
@ServiceTest
class TikTokQueryEncodingTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    TikTokClient tiktok;
    @Autowired
    TikTokEndpoints endpoints;
    @Autowired
    ConnectedShops shops;

    @Test
    void sendsQueryValuesWithPlusSlashEqualsAndSpacesExactlyAsSigned() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(new ApiClient(port), Map.of());
        String returnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        ConnectedShop shop = shops.findByShopId(merchant.shopId).orElseThrow();

        JsonNode data = tiktok.get(endpoints.rejectReasons(), Map.of("return_or_cancel_id", returnId,
                "locale", "en-US", "page_token", "a+b/c==", "note", "two words+one"), shop.accessToken(), shop.cipher());

        assertThat(data.path("reasons")).isNotEmpty();
    }
}
