package io.returnflow.security;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** GET /api/me: a client holding only a token learns whose it is. */
@ServiceTest
class CallerApiTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void aMerchantKeyIsItsMerchant() {
        ApiClient api = new ApiClient(port);
        String merchant = ApiClient.uniqueMerchantId();
        api.createMerchant(merchant);

        JsonNode me = json(api.get("/api/me", api.createApiKey(merchant)));

        assertThat(me.path("role").asText()).isEqualTo("MERCHANT");
        assertThat(me.path("merchantId").asText()).isEqualTo(merchant);
    }

    @Test
    void theAdminTokenIsTheAdmin() {
        JsonNode me = json(new ApiClient(port).get("/api/me", ADMIN_TOKEN));

        assertThat(me.path("role").asText()).isEqualTo("ADMIN");
        assertThat(me.path("merchantId").isNull()).isTrue();
    }

    @Test
    void aTokenNobodyIssuedIsRefused() {
        HttpResponse<String> answer = new ApiClient(port).get("/api/me", "rfk_nobody");

        assertThat(answer.statusCode()).isEqualTo(401);
    }
}
