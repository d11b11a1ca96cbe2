package io.returnflow.partners;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** What every partner client promises, whatever the partner answers. */
class PartnerHttpTest {

    @RegisterExtension
    static WireMockExtension partner = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final RestClient http = PartnerHttp.restClient(partner.baseUrl(), Duration.ofSeconds(1), Duration.ofMillis(500));

    @Test
    void sendsNoCookieAPartnerSetBackOnTheNextCall() {
        partner.stubFor(get(urlEqualTo("/first")).willReturn(ok().withHeader("Set-Cookie", "session=merchant-a; Path=/")));
        partner.stubFor(get(urlEqualTo("/second")).willReturn(ok()));

        http.get().uri("/first").retrieve().toBodilessEntity();
        http.get().uri("/second").retrieve().toBodilessEntity();

        partner.verify(getRequestedFor(urlEqualTo("/second")).withHeader("Cookie", absent()));
    }

    @Test
    void answersARedirectInsteadOfFollowingIt() {
        partner.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));

        ResponseEntity<Void> answer = http.get().uri("/moved").exchange((request, response) ->
                ResponseEntity.status(response.getStatusCode()).build());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        partner.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void givesUpOnAnAnswerSlowerThanTheReadTimeoutAndDoesNotRetryOnItsOwn() {
        partner.stubFor(get(urlEqualTo("/slow")).willReturn(ok().withFixedDelay(2000)));

        assertThatThrownBy(() -> http.get().uri("/slow").retrieve().toBodilessEntity())
                .isInstanceOf(ResourceAccessException.class);
        partner.verify(1, getRequestedFor(urlEqualTo("/slow")));
    }
}
