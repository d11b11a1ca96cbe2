package io.returnflow.labels;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static io.returnflow.support.ApiClient.merchantDocument;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * TikTok's upload needs the label carrier's return_provider_id: with a preferred carrier TikTok has
 * no configured id for, turning labels on answers 400 naming the setting, through the server, and
 * nothing is stored. A context of its own, since the shared one configures the sandbox carrier's id.
 */
@ServiceTest
@TestPropertySource(properties = "labels.carrier=DHLExpress")
class ReturnLabelsNeedTikTokProviderIdTest {

    @Value("${local.server.port}")
    int port;

    ApiClient api;
    String merchant;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        merchant = uniqueMerchantId();
    }

    @Test
    void anOperatorCannotTurnLabelsOnWithoutTheCarriersProviderId() {
        HttpResponse<String> answer = api.put("/api/admin/merchants/" + merchant, ADMIN_TOKEN, merchantDocument("Acme", "x"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText())
                .contains("returns.useRedoReturnLabels").contains("labels.return-provider-ids.DHLExpress");
        assertThat(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN).statusCode()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void aMerchantCannotTurnLabelsOnWithoutTheCarriersProviderId() {
        String labelsOff = merchantDocument("Acme", "x").replace("\"useRedoReturnLabels\": true", "\"useRedoReturnLabels\": false");
        assertThat(api.put("/api/admin/merchants/" + merchant, ADMIN_TOKEN, labelsOff).statusCode()).isEqualTo(201);
        String key = api.createApiKey(merchant);

        HttpResponse<String> answer = api.patch("/api/merchants/" + merchant + "/returns", key,
                "{\"useRedoReturnLabels\": true}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("labels.return-provider-ids.DHLExpress");
        assertThat(json(api.get("/api/merchants/" + merchant, key)).path("returns").path("useRedoReturnLabels")
                .asBoolean()).as("labels stay off").isFalse();
    }
}
