package io.returnflow.partners;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.returnflow.support.OpenPartnerHosts;
import io.returnflow.secrets.OpaqueIds;
import io.returnflow.shopify.ShopifyClient;
import io.returnflow.shopify.ShopifyStore;
import io.returnflow.tiktok.AccessTokenRenewal;
import io.returnflow.tiktok.RequestSigner;
import io.returnflow.tiktok.TikTokClient;
import io.returnflow.tiktok.TikTokProperties;
import io.returnflow.tiktok.TikTokRateLimits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * One tenant cannot starve the others: a Shopify store or a TikTok shop that is down opens its own
 * breaker only, and breakers are named without the tenant in them.
 */
class TenantCircuitBreakersTest {

    @RegisterExtension
    static WireMockExtension partner = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Opens after 4 calls, 50 % failed. */
    private final PartnerCircuitBreakers breakers = new PartnerCircuitBreakers(
            new CircuitBreakerProperties(4, 4, 50, Duration.ofMinutes(5), 1), new SimpleMeterRegistry());

    @Test
    void aShopifyStoreThatIsDownOpensOnlyItsOwnBreaker() {
        partner.stubFor(any(urlPathMatching("/down/.*")).willReturn(aResponse().withStatus(503)));
        partner.stubFor(any(urlPathMatching("/up/.*")).willReturn(okJson("{\"data\":{\"shop\":{\"name\":\"up\"}}}")));
        ShopifyClient shopify = new ShopifyClient(new ObjectMapper(), breakers, new SimpleMeterRegistry(), OpenPartnerHosts.open());
        ShopifyStore down = new ShopifyStore("down-store.myshopify.com", "shpat_a", partner.baseUrl() + "/down");
        ShopifyStore up = new ShopifyStore("up-store.myshopify.com", "shpat_b", partner.baseUrl() + "/up");

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> shopify.query(down, "query Shop { shop { name } }", Map.of()))
                    .isInstanceOf(PartnerUnavailableException.class);
        }
        int callsToTheDownStore = partner.getAllServeEvents().size();

        assertThatThrownBy(() -> shopify.query(down, "query Shop { shop { name } }", Map.of()))
                .hasMessageContaining("circuit breaker open");
        assertThat(partner.getAllServeEvents()).as("the open breaker spared the store a call").hasSize(callsToTheDownStore);
        assertThat(shopify.query(up, "query Shop { shop { name } }", Map.of()).path("shop").path("name").asText()).isEqualTo("up");
        assertThat(states()).containsValues("OPEN", "CLOSED").hasSize(2);
        assertThat(states().keySet()).allMatch(name -> name.matches("Shopify/[0-9a-f]{12}"))
                .noneMatch(name -> name.contains("store"));
    }

    @Test
    void aTikTokShopThatIsDownOpensOnlyItsOwnBreaker() {
        partner.stubFor(any(urlPathMatching("/return_refund/.*")).atPriority(5)
                .willReturn(okJson("{\"code\":0,\"message\":\"Success\",\"data\":{\"reasons\":[]}}")));
        partner.stubFor(any(urlPathMatching("/return_refund/.*")).atPriority(1)
                .withQueryParam("shop_cipher", com.github.tomakehurst.wiremock.client.WireMock.equalTo("ROW_down"))
                .willReturn(aResponse().withStatus(503)));
        TikTokProperties properties = new TikTokProperties("key", "secret", "service", partner.baseUrl(), partner.baseUrl(),
                partner.baseUrl(), partner.baseUrl());
        TikTokClient tiktok = new TikTokClient(new RequestSigner(properties), properties, new ObjectMapper(), Clock.systemUTC(),
                breakers, new TikTokRateLimits(1000, Duration.ZERO),
                new StaticListableBeanFactory().getBeanProvider(AccessTokenRenewal.class), Set.of(105002L));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> tiktok.get("/return_refund/202309/reject_reasons", Map.of(), "token", "ROW_down"))
                    .isInstanceOf(PartnerUnavailableException.class);
        }

        assertThatThrownBy(() -> tiktok.get("/return_refund/202309/reject_reasons", Map.of(), "token", "ROW_down"))
                .hasMessageContaining("circuit breaker open");
        assertThat(tiktok.get("/return_refund/202309/reject_reasons", Map.of(), "token", "ROW_up").path("reasons").isArray())
                .isTrue();
        assertThat(states()).containsValues("OPEN", "CLOSED").hasSize(2);
        assertThat(states().keySet()).allMatch(name -> name.matches("TikTok/[0-9a-f]{12}"))
                .noneMatch(name -> name.contains("ROW_"));
    }

    @Test
    void namesATenantsBreakerAlikeUnderOneKeyAndDifferentlyUnderAnother() {
        OpaqueIds ids = OpaqueIds.random();
        PartnerCircuitBreakers one = new PartnerCircuitBreakers(new CircuitBreakerProperties(4, 4, 50, Duration.ofMinutes(5), 1),
                new SimpleMeterRegistry(), List.of(), ids);
        PartnerCircuitBreakers sameKey = new PartnerCircuitBreakers(new CircuitBreakerProperties(4, 4, 50, Duration.ofMinutes(5), 1),
                new SimpleMeterRegistry(), List.of(), ids);

        one.call("NetSuite", "1234567_SB1", "GET x", () -> "ok");
        sameKey.call("NetSuite", "1234567_SB1", "GET x", () -> "ok");
        breakers.call("NetSuite", "1234567_SB1", "GET x", () -> "ok");

        String name = one.breakers().get(0).name();
        assertThat(name).startsWith("NetSuite/").doesNotContain("1234567");
        assertThat(sameKey.breakers().get(0).name()).as("every instance names it alike").isEqualTo(name);
        assertThat(breakers.breakers().get(0).name()).as("not a plain hash: another key, another name").isNotEqualTo(name);
        assertThat(one.breakers().get(0).tenant()).as("the operator's view says whose it is").isEqualTo("1234567_SB1");
        assertThat(one.breakers().get(0).partner()).isEqualTo("NetSuite");
    }

    private Map<String, String> states() {
        return breakers.breakers().stream().collect(java.util.stream.Collectors.toMap(
                PartnerCircuitBreakers.Breaker::name, PartnerCircuitBreakers.Breaker::state));
    }
}
