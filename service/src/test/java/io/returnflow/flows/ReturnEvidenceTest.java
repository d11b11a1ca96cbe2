package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.MutableClock;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The buyer's evidence on a return, read from TikTok's records through the merchant API. */
@ServiceTest
class ReturnEvidenceTest {

    private static final String RECORDS = "/sandbox/tiktok/return_refund/202309/returns/";

    @Value("${server.port}")
    int port;
    @Autowired
    MutableClock clock;

    @AfterEach
    void clearFaultsAndTheClock() {
        api().delete("/sandbox/faults", null);
        clock.reset();
    }

    @Test
    void theBuyersReasonNoteAndPhotosAreAnsweredFromTikTokRecords() {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2).path("returnId").asText();
        String id = merchant.awaitReturn(tiktokReturnId).path("id").asText();

        JsonNode evidence = ApiClient.json(ok(api().get("/api/returns/" + id + "/evidence", merchant.apiKey)));

        assertThat(evidence.path("returnId").asText()).isEqualTo(id);
        JsonNode request = evidence.path("records").get(0);
        assertThat(request.path("role").asText()).isEqualTo("BUYER");
        assertThat(request.path("reason").asText()).isEqualTo("Item does not fit");
        assertThat(request.path("note").asText()).isNotBlank();
        assertThat(request.path("at").asText()).isNotBlank();
        assertThat(request.path("images")).hasSize(2);
        HttpResponse<String> photo = api().get(URI.create(request.path("images").get(0).path("url").asText()));
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void evidenceTheBuyerAddsLaterIsAnsweredWithItsVideos() {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();
        String id = merchant.awaitReturn(tiktokReturnId).path("id").asText();
        buyerAdds(tiktokReturnId, """
                {"note": "It was broken in the box", "images": [],
                 "videos": [{"url": "https://v16.tiktokcdn-us.com/unbox.mp4", "cover": "https://p16.ibyteimg.com/unbox.jpg",
                             "width": 720, "height": 1280, "duration_millis": 15000}]}""");

        JsonNode added = ApiClient.json(ok(api().get("/api/returns/" + id + "/evidence", merchant.apiKey))).path("records").get(1);

        assertThat(added.path("note").asText()).isEqualTo("It was broken in the box");
        JsonNode video = added.path("videos").get(0);
        assertThat(video.path("url").asText()).isEqualTo("https://v16.tiktokcdn-us.com/unbox.mp4");
        assertThat(video.path("coverUrl").asText()).isEqualTo("https://p16.ibyteimg.com/unbox.jpg");
        assertThat(video.path("durationMillis").asLong()).isEqualTo(15000);
    }

    @Test
    void mediaAddressesThatAreNotWebAddressesAreLeftOut() {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();
        String id = merchant.awaitReturn(tiktokReturnId).path("id").asText();
        buyerAdds(tiktokReturnId, """
                {"note": "see", "images": [{"url": "javascript:alert(1)"}, {"url": "data:image/png;base64,AAAA"},
                 {"url": "https://p16.ibyteimg.com/kept.jpg"}], "videos": [{"url": "vbscript:x"}]}""");

        JsonNode added = ApiClient.json(ok(api().get("/api/returns/" + id + "/evidence", merchant.apiKey))).path("records").get(1);

        assertThat(added.path("images")).singleElement()
                .satisfies(image -> assertThat(image.path("url").asText()).isEqualTo("https://p16.ibyteimg.com/kept.jpg"));
        assertThat(added.path("videos")).isEmpty();
    }

    @Test
    void anotherMerchantsReturnIsNotFound() {
        ReturnFlowFixture owner = merchant();
        String id = owner.awaitReturn(owner.buyerAsksForReturn("REFUND", 1).path("returnId").asText()).path("id").asText();
        ReturnFlowFixture other = merchant();

        assertThat(api().get("/api/returns/" + id + "/evidence", other.apiKey).statusCode()).isEqualTo(404);
    }

    @Test
    void tiktokUnavailableAnswers503AndAskingAgainLaterWorks() {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();
        String id = merchant.awaitReturn(tiktokReturnId).path("id").asText();
        arm(RECORDS + tiktokReturnId + "/records", 503, "", 1);

        HttpResponse<String> down = api().get("/api/returns/" + id + "/evidence", merchant.apiKey);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("cannot be asked now");
        ok(api().get("/api/returns/" + id + "/evidence", merchant.apiKey));
    }

    @Test
    void tiktokRefusingAnswers502WithItsMessage() {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();
        String id = merchant.awaitReturn(tiktokReturnId).path("id").asText();
        arm(RECORDS + tiktokReturnId + "/records", 200, """
                {"code":25001003,"message":"The return order does not exist","request_id":"r","data":null}""", 1);

        HttpResponse<String> refused = api().get("/api/returns/" + id + "/evidence", merchant.apiKey);

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("25001003");
    }

    @Test
    void tiktokIsAskedOnceAMinutePerReturn() {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText();
        String id = merchant.awaitReturn(tiktokReturnId).path("id").asText();
        ok(api().get("/api/returns/" + id + "/evidence", merchant.apiKey));
        arm(RECORDS + tiktokReturnId + "/records", 503, "", 1);

        assertThat(api().get("/api/returns/" + id + "/evidence", merchant.apiKey).statusCode())
                .as("answered from the last minute's read").isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        assertThat(api().get("/api/returns/" + id + "/evidence", merchant.apiKey).statusCode())
                .as("asked again, and TikTok is down").isEqualTo(503);
    }

    private HttpResponse<String> ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private void buyerAdds(String tiktokReturnId, String evidence) {
        assertThat(api().postJson("/sandbox/tiktok/returns/" + tiktokReturnId + "/records", null, evidence).statusCode())
                .isEqualTo(201);
    }

    private void arm(String pathPrefix, int status, String body, int times) {
        String fault = "{\"pathPrefix\": \"%s\", \"status\": %d, \"body\": %s, \"times\": %d}".formatted(pathPrefix, status,
                TextNode.valueOf(body).toString(), times);
        assertThat(api().postJson("/sandbox/faults", null, fault).statusCode()).isEqualTo(201);
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private ReturnFlowFixture merchant() {
        return new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
    }
}
