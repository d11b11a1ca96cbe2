package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;

/**
 * The meters that answer "is it healthy" (README, Health and metrics), as the flows produce them.
 * Read from the meter registry: the Prometheus endpoint renders the same meters, but Spring Boot
 * switches its export off in tests.
 */
@ServiceTest
class FlowMetricsTest {

    @Autowired
    io.returnflow.support.BrokerProbe broker;

    @Autowired
    MeterRegistry meters;
    @Autowired
    TikTokWebhookClient tiktok;
    @Autowired
    JmsTemplate jms;
    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void countsExchangesFailuresAndLatencyPerRoute() {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        merchant.awaitReturn(merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText());

        assertThat(route("camel.exchanges.total", "tiktok-return-changed").counter().count()).isPositive();
        assertThat(route("camel.exchanges.failed", "tiktok-return-changed").counter()).isNotNull();
        assertThat(route("camel.route.policy", "tiktok-return-changed").timer().count()).isPositive();
        assertThat(route("camel.route.policy", "tiktok-webhook-intake").timer().count()).isPositive();
    }

    @Test
    void timesPartnerCallsByOutcomeAndErrorAndShowsTheBreakerState() {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/tiktok/return_refund/202309/returns/search", "status": 503, "body": "", "times": 1}""");
        merchant.awaitReturn(merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText());

        assertThat(meters.get("partner.calls").tags("partner", "TikTok", "outcome", "success", "error", "none").timer().count())
                .isPositive();
        assertThat(meters.get("partner.calls").tags("partner", "TikTok", "outcome", "unavailable",
                "error", "PartnerUnavailableException").timer().count()).isPositive();
        assertThat(meters.get("partner.calls").tags("partner", "Shopify", "outcome", "success").timer().max(
                java.util.concurrent.TimeUnit.MILLISECONDS)).isNotNegative();
        // the shop's own breaker, named without the shop in it
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("state", "closed").gauges())
                .anyMatch(gauge -> gauge.getId().getTag("name").matches("TikTok/[0-9a-f]{12}") && gauge.value() == 1.0);
    }

    @Test
    void showsTheDepthOfWorkAndDeadLetterQueues() {
        jms.convertAndSend("DLQ.test.poison", "a dead letter for the gauge");
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    meters.get("broker.queue.messages").tags("queue", "DLQ.test.poison", "kind", "dead_letter").gauge().value())
                    .isEqualTo(1.0));
            assertThat(meters.get("broker.queue.messages").tags("queue", "tiktok.return-events", "kind", "work").gauge().value())
                    .isNotNaN();
            assertThat(meters.get("broker.queue.scheduled").tags("queue", "tiktok.return-events").gauge().value())
                    .isNotNaN();
        } finally {
            jms.setReceiveTimeout(1000);
            jms.receive("DLQ.test.poison");
        }
    }

    @Test
    void countsEachReturnRecordedOnceWhateverTheRedeliveries() {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        double before = count("returns.recorded", "source", "TIKTOK");
        String returnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        merchant.awaitReturn(returnId);

        api().post("/sandbox/tiktok/returns/" + returnId + "/webhook", null);
        broker.awaitDrained("tiktok.return-events");

        assertThat(count("returns.recorded", "source", "TIKTOK")).isEqualTo(before + 1);
    }

    @Test
    void countsWebhookIntakeAndRefusalsByReason() {
        double refusedBefore = count("webhook.refusals", "reason", "bad_signature");
        double queuedBefore = count("webhook.events", "outcome", "queued");

        tiktok.deliver(tiktok.returnStatusChange(TikTokWebhookClient.newId(), "shop-metrics", TikTokWebhookClient.newId()));
        tiktok.send("{}", "not-a-signature", null);

        assertThat(count("webhook.events", "outcome", "queued")).isEqualTo(queuedBefore + 1);
        assertThat(count("webhook.refusals", "reason", "bad_signature")).isEqualTo(refusedBefore + 1);
    }

    private Search route(String name, String routeId) {
        return meters.find(name).tags("routeId", routeId, "eventType", "route");
    }

    private double count(String name, String tag, String value) {
        var counter = meters.find(name).tags(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
