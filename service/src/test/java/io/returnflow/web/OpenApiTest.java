package io.returnflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The service describes its API at /v3/api-docs, open to anyone, with every path of the contract. */
@ServiceTest
class OpenApiTest {

    /** service-contract.md: method and path (path variables compared by position, not name). */
    private static final List<String> CONTRACT = List.of(
            "PUT /api/admin/merchants/{merchantId}",
            "GET /api/admin/merchants/{merchantId}",
            "POST /api/admin/merchants/{merchantId}/api-keys",
            "GET /api/admin/dlq",
            "GET /api/admin/dlq/{queue}/messages",
            "POST /api/admin/dlq/{queue}/replay",
            "DELETE /api/admin/dlq/{queue}/messages/{id}",
            "GET /api/merchants/{merchantId}/tiktok/connect",
            "GET /oauth/tiktok/callback",
            "GET /api/merchants/{merchantId}/tiktok/shops",
            "GET /api/returns",
            "GET /api/returns/{id}",
            "GET /api/returns/{id}/events",
            "GET /api/returns/{id}/reject-reasons",
            "POST /api/returns/{id}/decision",
            "POST /webhooks/tiktok");

    @Value("${server.port}")
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void describesEveryPathOfTheContractWithoutCredentials() {
        HttpResponse<String> answer = new ApiClient(port).get("/v3/api-docs", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(operations(ApiClient.json(answer))).containsAll(normalised(CONTRACT));
    }

    @Test
    void describesEveryApiEndpointTheServiceHas() {
        Set<String> served = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> mapping : mappings.getHandlerMethods().entrySet()) {
            for (String path : mapping.getKey().getPatternValues()) {
                if (path.startsWith("/api/")) {
                    mapping.getKey().getMethodsCondition().getMethods()
                            .forEach(method -> served.add(method.name() + " " + path));
                }
            }
        }

        assertThat(served).isNotEmpty();
        assertThat(operations(ApiClient.json(new ApiClient(port).get("/v3/api-docs", null))))
                .containsAll(normalised(List.copyOf(served)));
    }

    @Test
    void namesWhoMayCallTheAdminApi() {
        JsonNode dlq = ApiClient.json(new ApiClient(port).get("/v3/api-docs", null))
                .path("paths").path("/api/admin/dlq").path("get");

        assertThat(dlq.path("security").get(0).has("adminToken")).isTrue();
    }

    private static Set<String> operations(JsonNode api) {
        List<String> operations = new ArrayList<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return normalised(operations);
    }

    /** Path variables compared by position, not name: {returnId} and {id} are the same path. */
    private static Set<String> normalised(List<String> operations) {
        Set<String> normalised = new TreeSet<>();
        operations.forEach(op -> normalised.add(op.replaceAll("\\{[^}]+}", "{}")));
        return normalised;
    }
}
