package io.returnflow.wms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.DeadLetters;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;

/**
 * What every WMS/3PL target does, written once and run per target: a subclass in the target's test
 * package says how its sandbox partner is enabled, what it holds, and how it is made to answer
 * "wait", to stay down or to refuse. Each case runs end to end: a sandbox TikTok return is recorded
 * and the target's route (made from the list of targets) takes it from its own queue.
 */
@ServiceTest
public abstract class WmsTargetContract {

    @Autowired
    BrokerProbe broker;
    @Autowired
    JmsTemplate jms;
    @Autowired
    MeterRegistry meters;
    @Value("${server.port}")
    int port;

    /** The target's name, as {@code app.wms.targets} and a return's {@code wms[].target} spell it. */
    protected abstract String target();

    /** The target's section of the merchant document, and that section enabling it against its sandbox. */
    protected abstract Map<String, String> enabledAgainstTheSandbox(ApiClient api);

    /** What the sandbox partner holds for the return with this external id ({@code tts-<TikTok return id>}). */
    protected abstract List<JsonNode> recordsAtThePartner(ApiClient api, String externalId);

    /** The id the return's {@code wms[].externalId} shows for a record the partner holds. */
    protected abstract String idOf(JsonNode record);

    /** A sandbox fault ({@code POST /sandbox/faults}) making the partner ask to wait, for {@code times} calls. */
    protected abstract String partnerAsksToWait(int times);

    /** A sandbox fault making the partner unavailable for longer than the service waits. */
    protected abstract String partnerStaysDown();

    /** A sandbox fault making the partner refuse the creation once, finally. */
    protected abstract String partnerRefuses();

    /** What the target's FAILED error names of the refusal: the partner's own words. */
    protected abstract String refusalInThePartnersWords();

    protected ApiClient api() {
        return new ApiClient(port);
    }

    @AfterEach
    void clearSandboxFaults() {
        api().delete("/sandbox/faults", null);
    }

    @Test
    void createsOneRecordForTheReturnAndShowsItsIdCreated() {
        ReturnFlowFixture merchant = merchantUsingTheTarget();
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 3).path("returnId").asText();

        JsonNode ret = awaitTarget(merchant, tiktokReturnId, "CREATED");

        List<JsonNode> records = recordsAtThePartner(api(), "tts-" + tiktokReturnId);
        assertThat(records).as("what " + target() + " holds for the return").hasSize(1);
        assertThat(entry(ret).path("externalId").asText()).isEqualTo(idOf(records.get(0)));
        assertThat(entry(ret).path("error").isNull()).isTrue();
    }

    @Test
    void makesNothingNewWhenTheEventIsDeliveredAgain() throws Exception {
        ReturnFlowFixture merchant = merchantUsingTheTarget();
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2).path("returnId").asText();
        JsonNode ret = awaitTarget(merchant, tiktokReturnId, "CREATED");
        Message event = await().atMost(Duration.ofSeconds(10)).until(() -> eventFor(ret.path("id").asText()), found -> found != null);
        double createdBefore = createdCount();
        String queue = WmsTargets.queueOf(target());
        long before = broker.messagesAdded(queue);

        for (int i = 0; i < 3; i++) { // as a relay that crashed after publishing would, message group included
            redeliver(event, queue);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> broker.messagesAdded(queue) >= before + 3 && broker.depth(queue) == 0);
        assertThat(recordsAtThePartner(api(), "tts-" + tiktokReturnId)).hasSize(1);
        JsonNode after = merchant.findReturn(tiktokReturnId);
        assertThat(entry(after).path("externalId").asText()).isEqualTo(entry(ret).path("externalId").asText());
        assertThat(createdCount()).as("wms_return_authorizations_total{status=CREATED}").isEqualTo(createdBefore);
    }

    @Test
    void showsTheTargetSkippedForAMerchantWhoHasNotEnabledIt() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(api(), Map.of());
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        awaitTarget(merchant, tiktokReturnId, "SKIPPED");

        assertThat(recordsAtThePartner(api(), "tts-" + tiktokReturnId)).isEmpty();
    }

    @Test
    void waitsForAPartnerThatAsksToWaitAndThenCreatesTheRecord() {
        ReturnFlowFixture merchant = merchantUsingTheTarget();
        armFault(partnerAsksToWait(3));

        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();

        awaitTarget(merchant, tiktokReturnId, "CREATED");
        assertThat(recordsAtThePartner(api(), "tts-" + tiktokReturnId)).hasSize(1);
        assertThat(ApiClient.json(api().get("/sandbox/faults/hits", null))).as("the partner did ask to wait").hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void showsPendingWhileThePartnerIsDownAndFailedOnceWaitingIsGivenUp() {
        ReturnFlowFixture merchant = merchantUsingTheTarget();
        armFault(partnerStaysDown());

        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();

        awaitTarget(merchant, tiktokReturnId, "PENDING");
        // test profile: waiting is given up after 3 s
        JsonNode failed = awaitTarget(merchant, tiktokReturnId, "FAILED");
        assertThat(entry(failed).path("error").asText()).isNotBlank();
        assertThat(recordsAtThePartner(api(), "tts-" + tiktokReturnId)).isEmpty();
    }

    @Test
    void failsWithThePartnersReasonWhenThePartnerRefuses() {
        ReturnFlowFixture merchant = merchantUsingTheTarget();
        armFault(partnerRefuses());

        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2).path("returnId").asText();

        JsonNode failed = awaitTarget(merchant, tiktokReturnId, "FAILED");
        assertThat(entry(failed).path("error").asText()).contains(refusalInThePartnersWords());
        assertThat(recordsAtThePartner(api(), "tts-" + tiktokReturnId)).isEmpty();
    }

    @Test
    void endsCreatedWithoutADuplicateWhenItsDeadLetterIsReplayed() throws Exception {
        ReturnFlowFixture merchant = merchantUsingTheTarget();
        armFault(partnerRefuses());
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2).path("returnId").asText();
        String returnId = awaitTarget(merchant, tiktokReturnId, "FAILED").path("id").asText();
        String queue = WmsTargets.queueOf(target());

        // the operator's replay, through the admin API
        DeadLetters deadLetters = new DeadLetters(api());
        JsonNode deadLetter = deadLetters.awaitMessage("DLQ." + queue, message -> message.path("body").asText().contains(returnId));
        assertThat(deadLetter.path("originalQueue").asText()).isEqualTo("returns.created::" + queue);
        assertThat(deadLetters.replay("DLQ." + queue, DeadLetters.ids(deadLetter)).path("replayed").asInt()).isEqualTo(1);

        JsonNode replayed = awaitTarget(merchant, tiktokReturnId, "CREATED");
        assertThat(entry(replayed).path("error").isNull()).isTrue();
        assertThat(recordsAtThePartner(api(), "tts-" + tiktokReturnId)).hasSize(1);
        assertThat(broker.browse("DLQ." + queue)).noneSatisfy(m -> assertThat(((TextMessage) m).getText()).contains(returnId));
    }

    /** A merchant with only this target enabled, against its sandbox. */
    protected ReturnFlowFixture merchantUsingTheTarget() {
        return ReturnFlowFixture.withSections(api(), enabledAgainstTheSandbox(api()));
    }

    protected JsonNode awaitTarget(ReturnFlowFixture merchant, String tiktokReturnId, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> merchant.findReturn(tiktokReturnId),
                r -> r != null && status.equals(entry(r).path("status").asText()));
    }

    /** The return's {@code wms[]} entry of this target. */
    protected JsonNode entry(JsonNode ret) {
        for (JsonNode entry : ret.path("wms")) {
            if (target().equals(entry.path("target").asText())) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }

    protected void armFault(String fault) {
        HttpResponse<String> armed = api().postJson("/sandbox/faults", null, fault);
        assertThat(armed.statusCode()).as(armed.body()).isEqualTo(201);
    }

    private double createdCount() {
        Counter counter = meters.find("wms.return.authorizations").tags("target", target(), "status", "CREATED").counter();
        return counter == null ? 0 : counter.count();
    }

    private Message eventFor(String returnId) throws Exception {
        for (Message message : broker.browse("returns.created::returns.created.test")) {
            if (((TextMessage) message).getText().contains("\"returnId\":\"" + returnId + "\"")) {
                return message;
            }
        }
        return null;
    }

    private void redeliver(Message event, String queue) throws Exception {
        String body = ((TextMessage) event).getText();
        String group = event.getStringProperty("JMSXGroupID");
        jms.execute(session -> {
            TextMessage copy = session.createTextMessage(body);
            copy.setStringProperty("JMSXGroupID", group);
            // a multicast queue takes a topic send to its fully qualified name (Artemis refuses an anycast one)
            try (MessageProducer producer = session.createProducer(session.createTopic("returns.created::" + queue))) {
                producer.send(copy);
            }
            return null;
        }, true);
    }
}
