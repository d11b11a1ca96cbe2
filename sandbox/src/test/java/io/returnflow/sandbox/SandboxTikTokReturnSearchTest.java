package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The sandbox TikTok's returns search by update time, as TikTok documents it: the call's shop only,
 * the time filters in the body, page_size 10 to 50 and page_token in the query; and each waiting
 * return's seller deadline.
 */
@SandboxTest
class SandboxTikTokReturnSearchTest {

    private static final String TOKEN = "sandbox-access-token";
    private static final String SEARCH = "/return_refund/202309/returns/search";

    @Autowired
    SandboxTikTokApp app;
    @Value("${local.server.port}")
    int port;

    private final String shopId = String.valueOf(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, Long.MAX_VALUE));

    @Test
    void searchesTheShopsReturnsUpdatedSinceATimePageByPage() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(sandboxReturn());
        }
        long since = System.currentTimeMillis() / 1000 - 60;

        JsonNode first = search(Map.of("page_size", "10"), since);
        JsonNode second = search(Map.of("page_size", "10", "page_token", first.path("data").path("next_page_token").asText()), since);

        List<String> found = new ArrayList<>();
        first.path("data").path("return_orders").forEach(r -> found.add(r.path("return_id").asText()));
        second.path("data").path("return_orders").forEach(r -> found.add(r.path("return_id").asText()));
        assertThat(found).containsExactlyInAnyOrderElementsOf(created);
        assertThat(second.path("data").path("next_page_token").asText()).isEmpty();
        assertThat(first.path("data").path("return_orders").get(0).path("seller_next_action_response").get(0)
                .path("deadline").asLong()).isGreaterThan(since + 86_400);
    }

    @Test
    void aSearchFromLaterThanEveryUpdateFindsNothing() {
        sandboxReturn();

        JsonNode page = search(Map.of("page_size", "10"), System.currentTimeMillis() / 1000 + 60);

        assertThat(page.path("data").path("return_orders")).isEmpty();
    }

    @Test
    void aPageSizeOutsideTenToFiftyIsRefused() {
        assertThat(search(Map.of("page_size", "5"), 0).path("code").asLong()).isEqualTo(36009004L);
        assertThat(search(Map.of("page_size", "51"), 0).path("code").asLong()).isEqualTo(36009004L);
    }

    private JsonNode search(Map<String, String> query, long updatedFrom) {
        return PartnerCalls.json(calls().tiktok("POST", SEARCH, query, "{\"update_time_ge\": " + updatedFrom + "}", TOKEN,
                SandboxAuthorizedShopsApi.cipherOf(shopId)));
    }

    private String sandboxReturn() {
        return PartnerCalls.json(calls().postJson("/sandbox/tiktok/returns",
                "{\"returnType\":\"REFUND\",\"items\":1,\"shopId\":\"%s\",\"deliverWebhook\":false}".formatted(shopId)))
                .path("returnId").asText();
    }

    private PartnerCalls calls() {
        return new PartnerCalls(port, app);
    }
}
