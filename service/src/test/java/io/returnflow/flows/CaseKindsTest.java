package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Every case has a kind (RETURN, CANCELLATION), shown on it and filtered by ?kind= on the list. */
@ServiceTest
class CaseKindsTest {

    @Value("${server.port}")
    int port;

    @Test
    void aTikTokReturnIsOfKindReturnInTheListAndItsView() {
        ReturnFlowFixture merchant = merchant();
        JsonNode listed = merchant.awaitReturn(merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText());

        JsonNode view = ApiClient.json(merchant.api.get("/api/returns/" + listed.path("id").asText(), merchant.apiKey));

        assertThat(listed.path("kind").asText()).isEqualTo("RETURN");
        assertThat(view.path("kind").asText()).isEqualTo("RETURN");
    }

    @Test
    void listingOnlyCancellationsLeavesTheReturnsOut() {
        ReturnFlowFixture merchant = merchant();
        String id = merchant.awaitReturn(merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText()).path("id").asText();

        JsonNode returns = ApiClient.json(merchant.api.get("/api/returns?kind=RETURN", merchant.apiKey)).path("returns");
        JsonNode cancellations = ApiClient.json(merchant.api.get("/api/returns?kind=CANCELLATION", merchant.apiKey)).path("returns");

        assertThat(returns).extracting(r -> r.path("id").asText()).containsExactly(id);
        assertThat(cancellations).isEmpty();
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKnownOnes() {
        ReturnFlowFixture merchant = merchant();

        HttpResponse<String> refused = merchant.api.get("/api/returns?kind=EXCHANGE", merchant.apiKey);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(refused).path("error").asText()).isEqualTo("kind must be one of RETURN, CANCELLATION");
    }

    private ReturnFlowFixture merchant() {
        ApiClient api = new ApiClient(port);
        return new ReturnFlowFixture(api, ReturnFlowFixture.sandboxShopify(api), "shpat_sandbox");
    }
}
