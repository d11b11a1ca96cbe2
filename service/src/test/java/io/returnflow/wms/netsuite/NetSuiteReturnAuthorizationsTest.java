package io.returnflow.wms.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.returnflow.support.OpenPartnerHosts;
import io.returnflow.merchants.Secret;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.partners.CircuitBreakerProperties;
import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;
import io.returnflow.returns.ReturnSource;
import io.returnflow.wms.WmsReturn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NetSuite's answer shapes, against WireMock: what is sent, what is read, how failures come out. */
class NetSuiteReturnAuthorizationsTest {

    private static final String RECORDS = "/services/rest/record/v1";

    @RegisterExtension
    static WireMockExtension netsuite = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final WmsReturn RETURN = new WmsReturn("r-1", "acme", ReturnSource.TIKTOK, "576", "999",
            "RETURN_AND_REFUND", "gid://shopify/Order/5100", "#1001", "Wrong size",
            List.of(new WmsReturn.Item("i-1", "TEE-M", "Tee", 2, "gid://shopify/LineItem/1"),
                    new WmsReturn.Item("i-2", "CAP", "Cap", 1, "gid://shopify/LineItem/2")));

    private static NetSuiteReturnAuthorizations connector(NetSuiteProperties.CreateMode mode) {
        return connector(mode, NetSuiteProperties.TransformLines.ORDER_LINE_QUANTITIES);
    }

    private static NetSuiteReturnAuthorizations connector(NetSuiteProperties.CreateMode mode,
                                                          NetSuiteProperties.TransformLines transformLines) {
        NetSuiteProperties properties = new NetSuiteProperties(mode, null, Duration.ofHours(24),
                new NetSuiteProperties.LineMatch("item.refName", null), Duration.ofSeconds(2), Duration.ofSeconds(5),
                transformLines);
        PartnerCircuitBreakers breakers = new PartnerCircuitBreakers(
                new CircuitBreakerProperties(20, 10, 50, Duration.ofSeconds(30), 3), new SimpleMeterRegistry());
        NetSuiteClient client = new NetSuiteClient(properties, new ObjectMapper(), Clock.systemUTC(), breakers, OpenPartnerHosts.open());
        return new NetSuiteReturnAuthorizations(client, new NetSuiteSalesOrders(client, properties, Clock.systemUTC()), properties);
    }

    private static NetSuiteSettings merchant() {
        return new NetSuiteSettings(true, "1234567_SB1", Secret.of("ck"), Secret.of("cs"), Secret.of("tk"), Secret.of("ts"),
                netsuite.baseUrl() + "/services/rest/", "7");
    }

    private static void salesOrder() {
        netsuite.stubFor(get(urlPathEqualTo(RECORDS + "/salesOrder")).withQueryParam("q", equalTo("otherRefNum IS \"#1001\""))
                .willReturn(okJson("{\"count\":1,\"items\":[{\"id\":\"42\"}]}")));
        netsuite.stubFor(get(urlEqualTo(RECORDS + "/salesOrder/42?expandSubResources=true")).willReturn(okJson("""
                {"id":"42","entity":{"id":"301"},"item":{"items":[
                  {"line":1,"item":{"id":"11","refName":"TEE-M"},"quantity":1,"rate":12.5},
                  {"line":2,"item":{"id":"12","refName":"SOCKS"},"quantity":3,"rate":4},
                  {"line":3,"item":{"id":"11","refName":"TEE-M"},"quantity":1,"rate":12.5},
                  {"line":4,"item":{"id":"13","refName":"CAP"},"quantity":1,"rate":9.99}]}}""")));
        netsuite.stubFor(get(urlEqualTo(RECORDS + "/returnAuthorization/eid:tts-576")).willReturn(notFound()
                .withBody("{\"o:errorDetails\":[{\"detail\":\"The record instance does not exist.\",\"o:errorCode\":\"NONEXISTENT_ID\"}]}")));
    }

    @Test
    void transformsTheSalesOrderNamingEveryLineWithItsReturnedQuantityAndReadsTheIdFromTheLocation() {
        salesOrder();
        netsuite.stubFor(post(urlEqualTo(RECORDS + "/salesOrder/42/!transform/returnAuthorization"))
                .willReturn(aResponse().withStatus(204).withHeader("Location", netsuite.baseUrl() + RECORDS + "/returnAuthorization/9001")));

        String id = connector(NetSuiteProperties.CreateMode.TRANSFORM).createReturnAuthorization(RETURN, merchant(), null);

        assertThat(id).isEqualTo("9001");
        netsuite.verify(postRequestedFor(urlEqualTo(RECORDS + "/salesOrder/42/!transform/returnAuthorization"))
                .withHeader("Authorization", matching("OAuth realm=\"1234567_SB1\",oauth_consumer_key=\"ck\",oauth_token=\"tk\","
                        + "oauth_signature_method=\"HMAC-SHA256\",oauth_timestamp=\"[0-9]+\",oauth_nonce=\"[A-Za-z0-9]{20}\","
                        + "oauth_version=\"1.0\",oauth_signature=\"[A-Za-z0-9%]+\""))
                .withRequestBody(equalToJson("""
                        {"externalId":"tts-576","memo":"TikTok Shop return 576 (order 999): Wrong size","location":{"id":"7"},
                         "item":{"items":[{"orderLine":1,"quantity":1,"location":{"id":"7"}},
                                          {"orderLine":2,"quantity":0},
                                          {"orderLine":3,"quantity":1,"location":{"id":"7"}},
                                          {"orderLine":4,"quantity":1,"location":{"id":"7"}}]}}""")));
    }

    @Test
    void replacesTheItemSublistWithTheReturnedLinesWhenSetTo() {
        salesOrder();
        netsuite.stubFor(post(urlEqualTo(RECORDS + "/salesOrder/42/!transform/returnAuthorization?replace=item"))
                .willReturn(aResponse().withStatus(204).withHeader("Location", netsuite.baseUrl() + RECORDS + "/returnAuthorization/9002")));

        String id = connector(NetSuiteProperties.CreateMode.TRANSFORM, NetSuiteProperties.TransformLines.REPLACE_ITEMS)
                .createReturnAuthorization(RETURN, merchant(), null);

        assertThat(id).isEqualTo("9002");
        netsuite.verify(postRequestedFor(urlEqualTo(RECORDS + "/salesOrder/42/!transform/returnAuthorization?replace=item"))
                .withRequestBody(equalToJson("""
                        {"externalId":"tts-576","memo":"TikTok Shop return 576 (order 999): Wrong size","location":{"id":"7"},
                         "item":{"items":[{"orderLine":1,"item":{"id":"11"},"quantity":1,"location":{"id":"7"}},
                                          {"orderLine":3,"item":{"id":"11"},"quantity":1,"location":{"id":"7"}},
                                          {"orderLine":4,"item":{"id":"13"},"quantity":1,"location":{"id":"7"}}]}}""")));
    }

    @Test
    void postsADirectReturnAuthorizationWithCustomerItemsRatesAndLocation() {
        salesOrder();
        netsuite.stubFor(post(urlEqualTo(RECORDS + "/returnAuthorization"))
                .willReturn(aResponse().withStatus(204).withHeader("Location", netsuite.baseUrl() + RECORDS + "/returnAuthorization/77")));

        String id = connector(NetSuiteProperties.CreateMode.DIRECT).createReturnAuthorization(RETURN, merchant(), null);

        assertThat(id).isEqualTo("77");
        netsuite.verify(postRequestedFor(urlEqualTo(RECORDS + "/returnAuthorization")).withRequestBody(equalToJson("""
                {"entity":{"id":"301"},"externalId":"tts-576","memo":"TikTok Shop return 576 (order 999): Wrong size",
                 "location":{"id":"7"},
                 "item":{"items":[{"item":{"id":"11"},"quantity":1,"rate":12.5,"location":{"id":"7"}},
                                  {"item":{"id":"11"},"quantity":1,"rate":12.5,"location":{"id":"7"}},
                                  {"item":{"id":"13"},"quantity":1,"rate":9.99,"location":{"id":"7"}}]}}""")));
    }

    @Test
    void answersTheExistingReturnAuthorizationWithoutCreatingAnother() {
        netsuite.stubFor(get(urlEqualTo(RECORDS + "/returnAuthorization/eid:tts-576")).willReturn(okJson("{\"id\":\"9001\",\"externalId\":\"tts-576\"}")));

        String id = connector(NetSuiteProperties.CreateMode.TRANSFORM).createReturnAuthorization(RETURN, merchant(), null);

        assertThat(id).isEqualTo("9001");
        netsuite.verify(0, postRequestedFor(urlPathEqualTo(RECORDS + "/returnAuthorization")));
        netsuite.verify(0, getRequestedFor(urlPathEqualTo(RECORDS + "/salesOrder")));
    }

    @Test
    void aRefusalCarriesNetSuitesErrorDetails() {
        salesOrder();
        netsuite.stubFor(post(urlEqualTo(RECORDS + "/salesOrder/42/!transform/returnAuthorization"))
                .willReturn(aResponse().withStatus(400).withBody("""
                        {"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1","title":"Bad Request","status":400,
                         "o:errorDetails":[{"detail":"Invalid orderLine reference key 9.","o:errorCode":"INVALID_KEY_OR_REF"}]}""")));

        assertThatThrownBy(() -> connector(NetSuiteProperties.CreateMode.TRANSFORM).createReturnAuthorization(RETURN, merchant(), null))
                .isInstanceOf(PartnerRejectedException.class)
                .hasMessage("NetSuite rejected the call with INVALID_KEY_OR_REF: Invalid orderLine reference key 9.");
    }

    @Test
    void aRateLimitIsRetriedLaterWithNetSuitesRetryAfter() {
        netsuite.stubFor(get(urlEqualTo(RECORDS + "/returnAuthorization/eid:tts-576")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"o:errorDetails\":[{\"detail\":\"Concurrency limit exceeded.\"}]}")));

        assertThatThrownBy(() -> connector(NetSuiteProperties.CreateMode.TRANSFORM).createReturnAuthorization(RETURN, merchant(), null))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)))
                .hasMessageContaining("HTTP 429").hasMessageContaining("Concurrency limit exceeded.");
    }

    @Test
    void aSalesOrderWithoutTheReturnedUnitsIsAPermanentFailure() {
        salesOrder();
        WmsReturn tooMany = new WmsReturn("r-1", "acme", ReturnSource.TIKTOK, "576", "999", "RETURN_AND_REFUND",
                "gid://shopify/Order/5100", "#1001", null, List.of(new WmsReturn.Item("i-1", "TEE-M", "Tee", 3, null)));

        assertThatThrownBy(() -> connector(NetSuiteProperties.CreateMode.TRANSFORM).createReturnAuthorization(tooMany, merchant(), null))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("NetSuite sales order 42 lacks 1 unit(s) of SKU TEE-M that return r-1 returns");
    }

    @Test
    void derivesTheRestHostFromTheAccountId() {
        NetSuiteSettings derived = new NetSuiteSettings(true, "1234567_SB1", Secret.of("ck"), Secret.of("cs"), Secret.of("tk"),
                Secret.of("ts"), null, null);

        assertThat(NetSuiteAccount.of("acme", derived).restBaseUrl()).isEqualTo("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest");
        assertThat(NetSuiteAccount.of("acme", merchant()).restBaseUrl()).isEqualTo(netsuite.baseUrl() + "/services/rest");
    }
}
