package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** POST /sandbox/faults: a share of a partner's calls fail, or all of them for an outage window. */
@SandboxTest
class SandboxFaultsTest {

    /** Unauthenticated: the sandbox NetSuite answers 401 when no fault is injected. */
    private static final String NETSUITE_SALES_ORDERS = "/sandbox/netsuite/services/rest/record/v1/salesOrder";

    @Autowired
    SandboxTest.MovableClock clock;
    @Autowired
    SandboxTikTokApp app;
    @Value("${local.server.port}")
    int port;

    @AfterEach
    void clearFaults() {
        api().delete("/sandbox/faults");
        clock.reset();
    }

    @Test
    void aShareOfTheCallsFailsWithOneOfTheGivenStatuses() {
        arm("""
                {"pathPrefix": "/sandbox/netsuite", "statuses": [503, 429], "percent": 20}""");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            statuses.add(api().get(NETSUITE_SALES_ORDERS).statusCode());
        }

        long faulted = statuses.stream().filter(s -> s == 503 || s == 429).count();
        // 80 expected; the bounds are more than 4 standard deviations (8) away
        assertThat(faulted).isBetween(45L, 115L);
        assertThat(statuses).contains(503, 429, 401).containsOnly(503, 429, 401);
    }

    @Test
    void anOutageFailsEveryCallUntilItsWindowEnds() {
        arm("""
                {"pathPrefix": "/sandbox/netsuite", "status": 503, "seconds": 60}""");

        for (int i = 0; i < 5; i++) {
            assertThat(api().get(NETSUITE_SALES_ORDERS).statusCode()).isEqualTo(503);
        }
        clock.advance(Duration.ofSeconds(61));

        assertThat(api().get(NETSUITE_SALES_ORDERS).statusCode()).as("after the outage").isEqualTo(401);
        assertThat(api().get("/sandbox/faults/hits?pathPrefix=/sandbox/netsuite").body()).contains("\"status\":503");
    }

    @Test
    void aFaultOnlyTouchesItsPartner() {
        arm("""
                {"pathPrefix": "/sandbox/shiphero", "status": 503, "percent": 100}""");

        assertThat(api().get(NETSUITE_SALES_ORDERS).statusCode()).isEqualTo(401);
    }

    @Test
    void aShareOutsideOneToAHundredIsRefused() {
        HttpResponse<String> answer = api().postJson("/sandbox/faults", """
                {"pathPrefix": "/sandbox/netsuite", "status": 503, "percent": 0}""");

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    private void arm(String fault) {
        assertThat(api().postJson("/sandbox/faults", fault).statusCode()).isEqualTo(201);
    }

    private PartnerCalls api() {
        return new PartnerCalls(port, app);
    }
}
