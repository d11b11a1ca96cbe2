package io.returnflow.wms.shiphero;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.returnflow.merchants.Secret;
import io.returnflow.partners.CircuitBreakerProperties;
import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;
import io.returnflow.returns.ReturnSource;
import io.returnflow.wms.WmsReturn;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ShipHero's answer shapes, against WireMock (token refresh and expiry: see WmsReturnAuthorizationTest). */
class ShipHeroReturnsTest {

    @RegisterExtension
    static WireMockExtension shiphero = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final WmsReturn RETURN = new WmsReturn("r-1", "acme", ReturnSource.TIKTOK, "576", "999",
            "RETURN_AND_REFUND", "gid://shopify/Order/5100", "#1001", null,
            List.of(new WmsReturn.Item("i-1", "TEE-M", "Tee", 2, null), new WmsReturn.Item("i-2", "CAP", "Cap", 1, null)));

    private ShipHeroReturns returns;

    @BeforeEach
    void connector() {
        ShipHeroProperties properties = new ShipHeroProperties(shiphero.baseUrl(), Duration.ofDays(1),
                List.of(ShipHeroProperties.OrderMatch.PARTNER_ORDER_ID), Duration.ofHours(24), Duration.ofMillis(500),
                new ShipHeroProperties.Returns("FREE", "0.00", "Generic", "Generic Label", false, false, "Good", "Customer return",
                        new ShipHeroProperties.Dimensions("16", "4", "10", "12")), Duration.ofSeconds(2), Duration.ofSeconds(5));
        PartnerCircuitBreakers breakers = new PartnerCircuitBreakers(
                new CircuitBreakerProperties(20, 10, 50, Duration.ofSeconds(30), 3), new SimpleMeterRegistry());
        ObjectMapper json = new ObjectMapper();
        // a token not about to expire: the token store is not needed
        ShipHeroTokens tokens = new ShipHeroTokens(properties, null, json, Clock.systemUTC(), breakers);
        returns = new ShipHeroReturns(new ShipHeroClient(tokens, properties, json, breakers), properties, Clock.systemUTC());
        shiphero.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.partnerOrderId", equalTo("5100")))
                .willReturn(okJson("""
                        {"data":{"orders":{"request_id":"a","complexity":2,"data":{"edges":[{"node":{"id":"T3JkZXI6NTEwMA==",
                         "order_number":"#1001","partner_order_id":"5100","shipping_address":{"first_name":"Ada","last_name":"B",
                         "address1":"1 Main St","city":"Austin","state_code":"TX","zip":"78701","country_code":"US"}}}]}}}}""")));
    }

    private static ShipHeroSettings merchant() {
        return new ShipHeroSettings(true, Secret.of("jwt"), Secret.of("refresh"), "V2FyZWhvdXNlOjE=", null);
    }

    private static void orderReturns(String returnsJson) {
        shiphero.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.orderId", equalTo("T3JkZXI6NTEwMA==")))
                .willReturn(okJson("{\"data\":{\"order\":{\"data\":{\"id\":\"T3JkZXI6NTEwMA==\",\"returns\":" + returnsJson + "}}}}")));
    }

    @Test
    void createsTheReturnWithWarehouseLinesReasonLabelFieldsAndTheBuyersAddress() {
        orderReturns("[]");
        shiphero.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing("return_create(")))
                .willReturn(okJson("{\"data\":{\"return_create\":{\"request_id\":\"b\",\"complexity\":10,\"return\":{\"id\":\"UmV0dXJuOjE=\"}}}}")));

        assertThat(returns.createReturnAuthorization(RETURN, merchant(), null)).isEqualTo("UmV0dXJuOjE=");

        shiphero.verify(postRequestedFor(urlEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("Bearer jwt"))
                .withRequestBody(matchingJsonPath("$.variables.data.order_id", equalTo("T3JkZXI6NTEwMA==")))
                .withRequestBody(matchingJsonPath("$.variables.data.warehouse_id", equalTo("V2FyZWhvdXNlOjE=")))
                .withRequestBody(matchingJsonPath("$.variables.data.return_reason", equalTo("Customer return")))
                .withRequestBody(matchingJsonPath("$.variables.data.label_type", equalTo("FREE")))
                .withRequestBody(matchingJsonPath("$.variables.data.partner_id", equalTo("tts-576")))
                .withRequestBody(matchingJsonPath("$.variables.data.address.name", equalTo("Ada B")))
                .withRequestBody(matchingJsonPath("$.variables.data.address.state", equalTo("TX")))
                .withRequestBody(matchingJsonPath("$.variables.data.line_items[0].sku", equalTo("CAP")))
                .withRequestBody(matchingJsonPath("$.variables.data.line_items[1].sku", equalTo("TEE-M")))
                .withRequestBody(matchingJsonPath("$.variables.data.line_items[1].quantity", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.variables.data.line_items[1].return_reason", equalTo("Customer return"))));
    }

    @Test
    void takesAReturnMadeElsewhereWithTheSameLinesForThisOne() {
        orderReturns("""
                [{"id":"UmV0dXJuOjk=","partner_id":null,"line_items":[{"quantity":1,"line_item":{"sku":"TEE-M"}}]},
                 {"id":"UmV0dXJuOjc=","partner_id":"","line_items":[{"quantity":1,"line_item":{"sku":"CAP"}},
                   {"quantity":1,"line_item":{"sku":"TEE-M"}},{"quantity":1,"line_item":{"sku":"TEE-M"}}]}]""");

        assertThat(returns.createReturnAuthorization(RETURN, merchant(), null)).isEqualTo("UmV0dXJuOjc=");
        shiphero.verify(0, postRequestedFor(urlEqualTo("/graphql"))
                .withRequestBody(matchingJsonPath("$.query", containing("return_create("))));
    }

    @Test
    void graphQlErrorsInAnOkAnswerAreFinal() {
        orderReturns("[]");
        shiphero.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing("return_create(")))
                .willReturn(okJson("{\"errors\":[{\"message\":\"Warehouse not found\",\"code\":5}],\"data\":{\"return_create\":null}}")));

        assertThatThrownBy(() -> returns.createReturnAuthorization(RETURN, merchant(), null))
                .isInstanceOf(PartnerRejectedException.class).hasMessage("ShipHero rejected the call with 5: return_create: Warehouse not found");
    }

    @Test
    void aLongCreditWaitGoesBackToTheBrokerWithTheIndicatedDelay() {
        shiphero.stubFor(post(urlEqualTo("/graphql")).willReturn(okJson("""
                {"errors":[{"code":30,"message":"There are not enough credits to perform the requested operation, which requires \
                1001 credits. The current balance is 2. 999 more credits will be available in 16.65 seconds"}]}""")));

        assertThatThrownBy(() -> returns.createReturnAuthorization(RETURN, merchant(), null))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(16_650)));
    }

    @Test
    void readsTheWaitShipHeroIndicatesForCredits() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(ShipHeroClient.throttleWait(json.readTree("[{\"code\":30,\"message\":\"x\",\"time_remaining\":\"2 seconds\"}]")))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(ShipHeroClient.throttleWait(json.readTree("[{\"code\":30,\"message\":\"x\",\"time_remaining\":0.25}]")))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(ShipHeroClient.throttleWait(json.readTree("[{\"message\":\"Not enough credits, try again\"}]")))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(ShipHeroClient.throttleWait(json.readTree("[{\"code\":5,\"message\":\"Warehouse not found\"}]"))).isNull();
    }
}
