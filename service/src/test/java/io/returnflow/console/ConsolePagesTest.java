package io.returnflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The console's page, scripts and configuration as the server serves them, without credentials. */
@ServiceTest
class ConsolePagesTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void theServiceRootLeadsToTheConsole() {
        HttpResponse<String> root = new ApiClient(port).get("/", null);

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
    }

    @Test
    void theConsolePageRunsOnlyItsOwnScriptsAndStyles() {
        HttpResponse<String> page = new ApiClient(port).get("/console/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("connect-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void theConsoleShowsImagesOnlyFromItselfAndTheMarketplacesMediaHosts() {
        String policy = new ApiClient(port).get("/console/", null).headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(policy).contains("img-src 'self' data: https://*.ibyteimg.com https://*.tiktokcdn.com https://*.tiktokcdn-us.com;");
    }

    @Test
    void itsScriptsAreServedAsJavaScript() {
        HttpResponse<String> script = new ApiClient(port).get("/console/js/app.js", null);

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    }

    @Test
    void itsConfigurationTellsWhetherSimulatedPartnersAnswerHere() {
        HttpResponse<String> config = new ApiClient(port).get("/console/config", null);

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(config).path("simulatedPartners").asBoolean()).as("the sandbox is on in the test profile").isTrue();
        assertThat(config.body()).as("a neutral setting, nothing named after the sandbox").doesNotContain("sandbox");
    }
}
