package io.returnflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** While the intake route is not running (the service starting), a webhook is answered 503, so TikTok sends it again. */
@ServiceTest
class WebhookIntakeReadinessTest {

    @Autowired
    CamelContext camel;
    @Autowired
    TikTokWebhookClient webhooks;

    @Test
    void aWebhookArrivingBeforeTheIntakeRouteRunsIsAnswered503AndTakenWhenSentAgain() throws Exception {
        String body = webhooks.returnStatusChange(TikTokWebhookClient.newId(), TikTokWebhookClient.uniqueShop(), "4035");

        camel.getRouteController().stopRoute(WebhookIntakeReadiness.INTAKE_ROUTE);
        HttpResponse<String> whileStopped;
        try {
            whileStopped = webhooks.deliver(body);
        } finally {
            camel.getRouteController().startRoute(WebhookIntakeReadiness.INTAKE_ROUTE);
        }

        assertThat(whileStopped.statusCode()).isEqualTo(503);
        assertThat(whileStopped.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(webhooks.deliver(body).statusCode()).as("the same webhook, sent again").isEqualTo(200);
    }
}
