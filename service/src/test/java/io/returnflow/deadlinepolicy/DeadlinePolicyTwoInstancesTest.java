package io.returnflow.deadlinepolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.ReturnsServiceApplication;
import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.NoticeReceiver;
import io.returnflow.support.RouteRounds;
import io.returnflow.support.ServiceTest;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the service on one database and one broker (a second application context beside
 * the shared one, reaching its embedded broker in-VM and its database by name): when both act on
 * the same due return at the same moment, and their timers keep running, the warning is sent once
 * and the default decision taken once.
 */
@ServiceTest
class DeadlinePolicyTwoInstancesTest {

    @Value("${server.port}")
    int port;
    @Value("${test.isolation-id}")
    String isolation;
    @Autowired
    ArtemisProperties artemis;
    @Autowired
    DeadlinePolicyRounds rounds;
    @Autowired
    CamelContext camel;
    @Autowired
    MeterRegistry meters;
    @Autowired
    BrokerProbe broker;
    @Autowired
    JdbcClient db;

    @Test
    void twoInstancesWarnOnceAndDecideOnce() throws Exception {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(new ApiClient(port), Map.of());
        try (NoticeReceiver receiver = NoticeReceiver.start(); ConfigurableApplicationContext other = secondInstance()) {
            merchant.api.put("/api/merchants/" + merchant.merchantId + "/notifications", merchant.apiKey,
                    "{\"webhookUrl\": \"" + receiver.url() + "\"}");
            JsonNode ret = merchant.awaitReturn(merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", "PT30M")
                    .path("returnId").asText());
            CamelContext otherCamel = other.getBean(CamelContext.class);
            camel.getRouteController().stopRoute("deadline-policy");
            otherCamel.getRouteController().stopRoute("deadline-policy");
            try {
                HttpResponse<String> set = merchant.api.put("/api/merchants/" + merchant.merchantId + "/deadline-policy",
                        merchant.apiKey, "{\"warnBefore\": [\"PT1H\"], \"defaultDecision\": {\"type\": \"APPROVE_UP_TO\","
                                + " \"before\": \"PT45M\", \"maxRefund\": {\"amount\": \"1000.00\", \"currency\": \"USD\"}}}");
                assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
                DeadlinePolicyRounds.Due due = rounds.due().stream()
                        .filter(d -> d.returnId().equals(ret.path("id").asText())).findFirst().orElseThrow();
                assertThat(due.warnings()).containsExactly(Duration.ofHours(1));
                assertThat(due.decideBefore()).isEqualTo(Duration.ofMinutes(45));

                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Void>> both = List.of(rounds, other.getBean(DeadlinePolicyRounds.class)).stream()
                        .map(instance -> CompletableFuture.runAsync(() -> {
                            await(start);
                            instance.act(due);
                        })).toList();
                start.countDown();
                CompletableFuture.allOf(both.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } finally {
                camel.getRouteController().startRoute("deadline-policy");
                otherCamel.getRouteController().startRoute("deadline-policy");
            }
            RouteRounds.awaitRounds(meters, "deadline-policy", 3);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ApiClient.json(
                    merchant.api.get("/api/returns/" + ret.path("id").asText(), merchant.apiKey)).path("sync").path("status")
                    .asText(), "SYNCED"::equals);
            receiver.await("POLICY_DECISION", 1);
            broker.awaitSettled("merchant.notices.webhook");

            assertThat(receiver.of("DEADLINE_APPROACHING")).hasSize(1);
            assertThat(receiver.of("POLICY_DECISION")).hasSize(1);
            assertThat(db.sql("SELECT COUNT(*) FROM return_decisions WHERE return_id = ?").param(ret.path("id").asText())
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(db.sql("SELECT action FROM deadline_policy_actions WHERE return_id = ? ORDER BY action")
                    .param(ret.path("id").asText()).query(String.class).list()).containsExactly("DECIDE", "WARN");
        }
    }

    /** Another instance: the same database (by its isolation id) and the shared context's embedded broker (in-VM). */
    private ConfigurableApplicationContext secondInstance() {
        String sandbox = "http://localhost:" + port + "/sandbox";
        return new SpringApplicationBuilder(ReturnsServiceApplication.class)
                .profiles("test")
                // arguments, not default properties: they win over application-test.yml
                .run("--server.port=0", "--test.isolation-id=" + isolation,
                        "--camel.servlet.mapping.servlet-name=CamelServlet-second-" + isolation,
                        "--camel.component.servlet.servlet-name=CamelServlet-second-" + isolation,
                        "--spring.artemis.embedded.enabled=false",
                        "--spring.artemis.embedded.server-id=" + artemis.getEmbedded().getServerId(),
                        "--tiktok.api-base-url=" + sandbox + "/tiktok", "--tiktok.auth-base-url=" + sandbox + "/tiktok-auth",
                        "--labels.provider-url=" + sandbox + "/labels", "--shiphero.api-base-url=" + sandbox + "/shiphero");
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
