package io.returnflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** A query parameter that does not convert is a 400 in the API's own error shape, naming it and what it takes. */
@ServiceTest
class QueryParameterRefusalsTest {

    @Value("${server.port}")
    int port;

    @Test
    void anUnknownStateIsRefusedNamingTheKnownOnes() {
        HttpResponse<String> refused = new ApiClient(port).get("/api/returns?state=LOST", ApiClient.ADMIN_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(refused).path("error").asText()).startsWith("state must be one of OPEN, ");
    }

    @Test
    void aLimitThatIsNoNumberIsRefusedAsSuch() {
        HttpResponse<String> refused = new ApiClient(port).get("/api/returns?limit=ten", ApiClient.ADMIN_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(refused).path("error").asText()).isEqualTo("limit must be a number");
    }
}
